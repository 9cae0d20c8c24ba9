/**
 * A partner's relationship templates: create, read, list, replace (If-Match) and delete (If-Match). Every read is a
 * point read or one single-partition query in the partner's own partition, so another partner's template is a 404.
 * A name is unique per partner through the store's unique key: the write itself conflicts, no read decides it.
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import {
  maxTemplatesPerPartner,
  templateNameKey,
  validateTemplate,
  type TemplateRequest
} from "../domain/relationship-templates";
import { isGuid } from "../domain/guid";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "../errors";
import type { AuditRecord } from "../outbox/outbox-entry";
import {
  templateEtag,
  type StoredTemplate,
  type TemplateStore,
  type VersionedTemplate
} from "../templates/template-records";

export interface TemplatePorts {
  readonly templates: TemplateStore;
  readonly clock: Clock;
}

export interface TemplateWrite {
  readonly partnerTenantId: string;
  readonly actor: AuditRecord["actor"];
  readonly request: TemplateRequest;
}

export interface TemplateChange extends TemplateWrite {
  readonly id: string;
  /** The template's ETag, unquoted; PUT and DELETE require it at the edge. */
  readonly ifMatch?: string;
}

export async function createTemplate(ports: TemplatePorts, input: TemplateWrite): Promise<VersionedTemplate> {
  const terms = validated(input.request);
  const existing = await ports.templates.list(input.partnerTenantId);
  if (existing.length >= maxTemplatesPerPartner)
    throw new ConflictError(`You can keep at most ${maxTemplatesPerPartner} templates; delete one first.`);
  const at = ports.clock.now().toISOString();
  const document: StoredTemplate = {
    ...terms,
    id: randomUUID(),
    partnerTenantId: input.partnerTenantId,
    uniqueName: templateNameKey(terms.displayName),
    createdDateTime: at,
    lastModifiedDateTime: at,
    lastModifiedBy: input.actor,
    version: 1
  };
  return ports.templates.create(document).catch(rethrowNameTaken);
}

export function listTemplates(ports: TemplatePorts, partnerTenantId: string): Promise<readonly StoredTemplate[]> {
  return ports.templates.list(partnerTenantId);
}

export async function getTemplate(
  ports: TemplatePorts,
  partnerTenantId: string,
  id: string
): Promise<VersionedTemplate> {
  const found = await ports.templates.get(partnerTenantId, id);
  if (!found) throw new NotFoundError("No such relationship template.");
  return found;
}

/** PUT: the whole template again. Relationships already made from it keep the terms they were made with. */
export async function replaceTemplate(ports: TemplatePorts, input: TemplateChange): Promise<VersionedTemplate> {
  const current = await currentTemplate(ports, input);
  const terms = validated(input.request);
  const document: StoredTemplate = {
    ...current.document,
    ...terms,
    uniqueName: templateNameKey(terms.displayName),
    lastModifiedDateTime: ports.clock.now().toISOString(),
    lastModifiedBy: input.actor,
    version: current.document.version + 1
  };
  return ports.templates.replace(document, current.etag).catch(rethrowNameTaken);
}

export async function deleteTemplate(ports: TemplatePorts, input: Omit<TemplateChange, "request">): Promise<void> {
  const current = await currentTemplate(ports, input);
  await ports.templates.remove(input.partnerTenantId, input.id, current.etag);
}

/** The template a request names in `field`: one of the partner's own, or a 400 naming the field. */
export async function resolveTemplate(
  ports: TemplatePorts,
  partnerTenantId: string,
  templateId: string,
  field = "templateId"
): Promise<StoredTemplate> {
  // Checked here too, not only at the API's edge: a page's form field must never reach the store as an id.
  const found = isGuid(templateId) ? await ports.templates.get(partnerTenantId, templateId) : undefined;
  if (!found) throw new ValidationError([{ field, message: "names no relationship template of yours." }]);
  return found.document;
}

async function currentTemplate(
  ports: TemplatePorts,
  input: Pick<TemplateChange, "partnerTenantId" | "id" | "ifMatch">
): Promise<VersionedTemplate> {
  const current = await getTemplate(ports, input.partnerTenantId, input.id);
  if (input.ifMatch !== undefined && input.ifMatch !== templateEtag(current.document)) {
    throw new PreconditionFailedError("The template changed since you read it; read it again and retry.");
  }
  return current;
}

function validated(request: TemplateRequest) {
  const result = validateTemplate(request);
  if (!result.ok) throw new ValidationError(result.errors);
  return result.value;
}

function rethrowNameTaken(error: unknown): never {
  if (error instanceof ConflictError) {
    throw new ConflictError("You already have a template with this name.", [
      { field: "displayName", message: "is already the name of another of your templates." }
    ]);
  }
  throw error;
}
