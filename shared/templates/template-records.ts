/**
 * A relationship template as stored (container `relationship-templates`, partition `/partnerTenantId`, unique key
 * `/uniqueName`: one partner's names are unique by the store's own atomic check), the port its store implements,
 * and the resource the API shows, in the same field names as a relationship and an access assignment.
 */
import type { AuditRecord } from "../outbox/outbox-entry";
import { findRole } from "../domain/roles";
import type { NormalizedTemplate, TemplateTerms } from "../domain/relationship-templates";

export interface StoredTemplate extends NormalizedTemplate, TemplateTerms {
  readonly id: string;
  readonly partnerTenantId: string;
  /** templateNameKey(displayName): what the unique key compares. */
  readonly uniqueName: string;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly lastModifiedBy: AuditRecord["actor"];
  /** Bumped by every change: the ETag is `v<version>`. */
  readonly version: number;
}

export interface VersionedTemplate {
  readonly document: StoredTemplate;
  /** Cosmos DB's own ETag, which guards the write underneath the version clients see. */
  readonly etag: string;
}

export interface TemplateStore {
  /** Throws ConflictError when the partner already has a template of that name. */
  create(document: StoredTemplate): Promise<VersionedTemplate>;
  get(partnerTenantId: string, id: string): Promise<VersionedTemplate | undefined>;
  /** Throws PreconditionFailedError when the stored ETag is not `etag`, ConflictError when the new name is taken. */
  replace(document: StoredTemplate, etag: string): Promise<VersionedTemplate>;
  /** Throws PreconditionFailedError when the stored ETag is not `etag`; a template already gone is no error. */
  remove(partnerTenantId: string, id: string, etag: string): Promise<void>;
  /** The partner's templates by name (there are at most maxTemplatesPerPartner): one single-partition query. */
  list(partnerTenantId: string): Promise<readonly StoredTemplate[]>;
}

export function templateEtag(document: Pick<StoredTemplate, "version">): string {
  return `v${document.version}`;
}

export function toTemplateResource(document: StoredTemplate): Record<string, unknown> {
  return {
    id: document.id,
    displayName: document.displayName,
    partnerType: document.partnerType,
    accessDetails: {
      unifiedRoles: document.accessDetails.unifiedRoles.map((role) => ({
        roleDefinitionId: role.roleDefinitionId,
        displayName: findRole(role.roleDefinitionId)?.displayName
      }))
    },
    duration: document.duration,
    autoExtendDuration: document.autoExtendDuration,
    accessAssignments: document.accessAssignments.map((assignment) => ({
      accessContainer: { accessContainerId: assignment.securityGroupId, accessContainerType: "securityGroup" },
      accessDetails: { unifiedRoles: assignment.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
      ...(assignment.label ? { label: assignment.label } : {})
    })),
    createdDateTime: document.createdDateTime,
    lastModifiedDateTime: document.lastModifiedDateTime
  };
}
