/**
 * The OpenAPI route table's entries for relationship templates and bulk invitation batches (issue 12): the
 * partner's own, under /api/partner/. Kept apart from openapi.ts so the route table stays readable.
 */
import * as batch from "./batch-schemas";
import { idempotencyKey } from "./relationship-schemas";
import type { ApiOperation } from "./openapi";
import { ifMatch, named } from "./operation-parts";
import * as tpl from "./template-schemas";

const templatesPath = "/api/partner/relationship-templates";
const batchesPath = "/api/partner/invitation-batches";
const template = named("RelationshipTemplate", tpl.templateResource);
const templateRequest = named("RelationshipTemplateRequest", tpl.templateBody);
const templateIdParam = { id: tpl.templateId };
const invitationBatch = named("InvitationBatch", batch.batchResource);

export const bulkOperations: readonly ApiOperation[] = [
  {
    method: "get",
    path: templatesPath,
    operationId: "listRelationshipTemplates",
    summary: "The partner's relationship templates, by name",
    tag: "Partner",
    access: "signedIn",
    success: { status: 200, description: "Templates", body: named("RelationshipTemplateList", tpl.templateList) },
    errors: [401, 403]
  },
  {
    method: "post",
    path: templatesPath,
    operationId: "createRelationshipTemplate",
    summary: "Save a named template: terms and the group assignments to create once active (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    body: templateRequest,
    success: { status: 201, description: "Created", body: template, headers: ["ETag", "Location"] },
    errors: [400, 401, 403, 409]
  },
  {
    method: "get",
    path: `${templatesPath}/{id}`,
    operationId: "getRelationshipTemplate",
    summary: "One relationship template",
    tag: "Partner",
    access: "signedIn",
    pathParams: templateIdParam,
    success: { status: 200, description: "Template", body: template, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  },
  {
    method: "put",
    path: `${templatesPath}/{id}`,
    operationId: "updateRelationshipTemplate",
    summary: "Replace a template; relationships already made from it keep their terms (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    pathParams: templateIdParam,
    headers: [ifMatch(true)],
    body: templateRequest,
    success: { status: 200, description: "Replaced", body: template, headers: ["ETag"] },
    errors: [400, 401, 403, 404, 409, 412, 428]
  },
  {
    method: "delete",
    path: `${templatesPath}/{id}`,
    operationId: "deleteRelationshipTemplate",
    summary: "Delete a template (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    pathParams: templateIdParam,
    headers: [ifMatch(true)],
    success: { status: 204, description: "Deleted" },
    errors: [400, 401, 403, 404, 412, 428]
  },
  {
    method: "post",
    path: batchesPath,
    operationId: "createInvitationBatch",
    summary:
      "Invite up to 1,000 customers on a template; processed through a queue within the invitation limits (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    headers: [
      {
        name: "Idempotency-Key",
        required: false,
        description: "Repeat a submission safely: the same key and body return the first batch (200).",
        schema: idempotencyKey
      }
    ],
    body: named("InvitationBatchRequest", batch.batchBody),
    success: {
      status: 202,
      description: "Accepted: the batch with each row's result so far; Location is where to follow it",
      body: invitationBatch,
      headers: ["Location"]
    },
    errors: [400, 401, 403, 409]
  },
  {
    method: "get",
    path: batchesPath,
    operationId: "listInvitationBatches",
    summary: "The partner's invitation batches, newest first, without their rows",
    tag: "Partner",
    access: "signedIn",
    query: batch.listBatchesQuery,
    success: { status: 200, description: "A page of batches", body: named("InvitationBatchPage", batch.batchPage) },
    errors: [400, 401, 403]
  },
  {
    method: "get",
    path: `${batchesPath}/{id}`,
    operationId: "getInvitationBatch",
    summary: "One batch: status, counts, estimated completion and each row's result",
    tag: "Partner",
    access: "signedIn",
    pathParams: { id: batch.batchId },
    success: { status: 200, description: "Batch", body: invitationBatch },
    errors: [400, 401, 403, 404]
  }
];
