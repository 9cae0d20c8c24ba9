/**
 * GrantStore in memory: one document per (customer, partner, role) holding each relationship's grant, as the
 * `access` container does. A grant written again keeps the groups listed in it; a group is only ever added to a
 * grant that exists; removing what is absent is no error. Hooks after the writes let a test crash there or change
 * the relationship as a racing request would.
 */
import {
  roleGrantsDocumentId,
  withGroups,
  type RoleGrantsDocument,
  type GrantStore,
  type GroupAssignment,
  type GroupOutcome,
  type RoleGrant
} from "../../../shared/grants/role-grants";
import { Faults } from "./faults";

export class InMemoryGrantStore implements GrantStore {
  /** By `customerTenantId|partner|role`. */
  readonly documents = new Map<string, RoleGrantsDocument>();
  readonly faults = new Faults<"get" | "putGrant" | "removeGrant" | "putGroup" | "removeGroup">();
  /** Called after every putGrant. */
  afterPut: (roleDefinitionId: string) => void = () => undefined;
  /** Called after every putGroup that applied. */
  afterPutGroup: (roleDefinitionId: string) => void = () => undefined;

  grantsOf(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string
  ): Readonly<Record<string, RoleGrant>> {
    return this.documents.get(keyOf(customerTenantId, partnerTenantId, roleDefinitionId))?.grants ?? {};
  }

  async get(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string
  ): Promise<RoleGrantsDocument | undefined> {
    this.faults.enter("get");
    return structuredClone(this.documents.get(keyOf(customerTenantId, partnerTenantId, roleDefinitionId)));
  }

  async putGrant(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    grant: Omit<RoleGrant, "groups">
  ): Promise<void> {
    this.faults.enter("putGrant");
    const key = keyOf(customerTenantId, partnerTenantId, roleDefinitionId);
    const current = this.documents.get(key);
    const groups = current?.grants[grant.relationshipId]?.groups;
    const kept: RoleGrant = groups ? { ...grant, groups } : grant;
    const id = roleGrantsDocumentId(partnerTenantId, roleDefinitionId);
    this.documents.set(key, {
      id,
      customerTenantId,
      partnerTenantId,
      roleDefinitionId,
      grants: { ...current?.grants, [grant.relationshipId]: kept }
    });
    this.afterPut(roleDefinitionId);
  }

  async removeGrant(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    relationshipId: string
  ): Promise<void> {
    this.faults.enter("removeGrant");
    const key = keyOf(customerTenantId, partnerTenantId, roleDefinitionId);
    const current = this.documents.get(key);
    if (!current) return;
    const { [relationshipId]: _removed, ...rest } = current.grants;
    this.documents.set(key, { ...current, grants: rest });
  }

  async putGroup(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    assignment: GroupAssignment
  ): Promise<GroupOutcome> {
    this.faults.enter("putGroup");
    const key = keyOf(customerTenantId, partnerTenantId, roleDefinitionId);
    const current = this.documents.get(key);
    if (!current?.grants[assignment.relationshipId]) return "noGrant";
    const grants = withGroups(current.grants, assignment.relationshipId, (groups) => ({
      ...groups,
      [assignment.securityGroupId]: assignment.accessAssignmentId
    }));
    this.documents.set(key, { ...current, grants });
    this.afterPutGroup(roleDefinitionId);
    return "applied";
  }

  async removeGroup(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    assignment: GroupAssignment
  ): Promise<void> {
    this.faults.enter("removeGroup");
    const key = keyOf(customerTenantId, partnerTenantId, roleDefinitionId);
    const current = this.documents.get(key);
    if (!current) return;
    const grants = withGroups(current.grants, assignment.relationshipId, (groups) => {
      if (groups[assignment.securityGroupId] !== assignment.accessAssignmentId) return groups;
      const { [assignment.securityGroupId]: _removed, ...rest } = groups;
      return rest;
    });
    this.documents.set(key, { ...current, grants });
  }
}

function keyOf(customerTenantId: string, partnerTenantId: string, roleDefinitionId: string): string {
  return `${customerTenantId}|${roleGrantsDocumentId(partnerTenantId, roleDefinitionId)}`;
}
