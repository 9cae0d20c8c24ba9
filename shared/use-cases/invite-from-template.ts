/**
 * Creating a relationship, optionally from one of the partner's templates (`templateId` on the request): the
 * template's terms fill whatever the request leaves out, anything the request does give must say the same, and the
 * relationship records the template and owes its group assignments (created once it is active). Without a template
 * it is the plain one-step invitation or Graph draft.
 */
import { termsFromTemplate } from "../domain/relationship-templates";
import type { InvitationRequest, RelationshipRequest } from "../domain/relationship";
import { ValidationError } from "../errors";
import type { StoredTemplate } from "../templates/template-records";
import {
  createInvitation,
  createRelationship,
  type CreatedInvitation,
  type CreatedRelationship,
  type CreateInput,
  type CreateInvitationPorts,
  type CreateRelationshipPorts
} from "./create-invitation";
import { resolveTemplate, type TemplatePorts } from "./relationship-templates";

/** The one-step invitation's request, where a template may supply the partner type. */
export type TemplatedInvitationRequest = Omit<InvitationRequest, "partnerType"> & { readonly partnerType?: string };

export interface FromTemplate {
  readonly templateId?: string;
}

export async function createInvitationFromRequest(
  ports: CreateInvitationPorts & TemplatePorts,
  input: CreateInput<TemplatedInvitationRequest> & FromTemplate
): Promise<CreatedInvitation> {
  if (input.templateId === undefined) {
    const { partnerType } = input.request;
    if (partnerType === undefined) throw new ValidationError([{ field: "partnerType", message: "required" }]);
    return createInvitation(ports, { ...input, request: { ...input.request, partnerType } });
  }
  const template = await resolveTemplate(ports, input.partner.tenantId, input.templateId);
  return createInvitation(ports, {
    ...input,
    request: { ...input.request, ...withTemplateTerms(template, input.request), partnerType: template.partnerType },
    template
  });
}

/** Graph's POST with the extra property `templateId`: a draft on the template's terms. */
export async function createRelationshipFromRequest(
  ports: CreateRelationshipPorts & TemplatePorts,
  input: CreateInput<RelationshipRequest> & FromTemplate
): Promise<CreatedRelationship> {
  if (input.templateId === undefined) return createRelationship(ports, input);
  const template = await resolveTemplate(ports, input.partner.tenantId, input.templateId);
  return createRelationship(ports, {
    ...input,
    request: { ...input.request, ...withTemplateTerms(template, input.request) },
    template
  });
}

function withTemplateTerms(template: StoredTemplate, request: RelationshipRequest | TemplatedInvitationRequest) {
  const merged = termsFromTemplate(template, request);
  if (!merged.ok) throw new ValidationError(merged.errors);
  return merged.value;
}
