/**
 * GrantStore on Cosmos DB: read-modify-write of the (customer, partner, role) document, guarded by ETag. Tenant
 * and role ids are GUIDs compared case-insensitively, so the partition key and the id are stored in lower case.
 */
import type { Container } from "@azure/cosmos";
import {
  roleGrantsDocumentId,
  withGroups,
  type RoleGrantsDocument,
  type GrantStore,
  type GroupAssignment,
  type GroupOutcome,
  type PutGrantHint,
  type RoleGrant
} from "../grants/role-grants";
import { isNotFound, statusOf, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

const maxAttempts = 8;

export class CosmosGrantStore implements GrantStore {
  constructor(private readonly container: Container) {}

  async get(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string
  ): Promise<RoleGrantsDocument | undefined> {
    return (await this.read(customerTenantId.toLowerCase(), roleGrantsDocumentId(partnerTenantId, roleDefinitionId)))
      ?.document;
  }

  putGrant(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    grant: Omit<RoleGrant, "groups">,
    hint: PutGrantHint = {}
  ): Promise<void> {
    const change = (grants: Readonly<Record<string, RoleGrant>>) => {
      const groups = grants[grant.relationshipId]?.groups;
      return { ...grants, [grant.relationshipId]: groups ? { ...grant, groups } : grant };
    };
    return this.update(customerTenantId, partnerTenantId, roleDefinitionId, change, true, hint.likelyNew === true);
  }

  async putGroup(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    assignment: GroupAssignment
  ): Promise<GroupOutcome> {
    let outcome: GroupOutcome = "applied";
    await this.update(
      customerTenantId,
      partnerTenantId,
      roleDefinitionId,
      (grants) => {
        outcome = grants[assignment.relationshipId] ? "applied" : "noGrant";
        return withGroups(grants, assignment.relationshipId, (groups) => ({
          ...groups,
          [assignment.securityGroupId]: assignment.accessAssignmentId
        }));
      },
      false
    );
    return outcome;
  }

  removeGroup(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    assignment: GroupAssignment
  ): Promise<void> {
    return this.update(
      customerTenantId,
      partnerTenantId,
      roleDefinitionId,
      (grants) =>
        withGroups(grants, assignment.relationshipId, (groups) => {
          if (groups[assignment.securityGroupId] !== assignment.accessAssignmentId) return groups;
          const { [assignment.securityGroupId]: _removed, ...rest } = groups;
          return rest;
        }),
      false
    );
  }

  removeGrant(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    relationshipId: string
  ): Promise<void> {
    return this.update(
      customerTenantId,
      partnerTenantId,
      roleDefinitionId,
      (grants) => {
        const { [relationshipId]: _removed, ...rest } = grants;
        return rest;
      },
      false
    );
  }

  private async read(
    customerTenantId: string,
    id: string
  ): Promise<{ document: RoleGrantsDocument; etag: string } | undefined> {
    try {
      const { resource } = await this.container
        .item(id, customerTenantId)
        .read<RoleGrantsDocument & { _etag: string }>();
      return resource ? { document: withoutSystemProperties(resource), etag: resource._etag } : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }

  private async update(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    change: (grants: Readonly<Record<string, RoleGrant>>) => Readonly<Record<string, RoleGrant>>,
    createIfAbsent = true,
    /** Try the create before any read: one request when the document is new; a conflict (409) falls back to reading. */
    createFirst = false
  ): Promise<void> {
    const id = roleGrantsDocumentId(partnerTenantId, roleDefinitionId);
    const customer = customerTenantId.toLowerCase();
    for (let attempt = 1; ; attempt += 1) {
      const current = attempt === 1 && createFirst ? undefined : await this.read(customer, id);
      const grants = change(current?.document.grants ?? {});
      // Groups live inside grants: a change to groups alone never needs a document that does not exist.
      if (!current && !createIfAbsent) return;
      if (current && JSON.stringify(grants) === JSON.stringify(current.document.grants)) return;
      const document: RoleGrantsDocument = {
        id,
        customerTenantId: customer,
        partnerTenantId: partnerTenantId.toLowerCase(),
        roleDefinitionId: roleDefinitionId.toLowerCase(),
        grants
      };
      try {
        if (current)
          await this.container
            .item(id, customer)
            .replace(document, { accessCondition: { type: "IfMatch", condition: current.etag } });
        else await this.container.items.create(document);
        return;
      } catch (error) {
        const status = statusOf(error);
        if ((status !== 412 && status !== 409) || attempt >= maxAttempts) translateCosmosError(error);
      }
    }
  }
}
