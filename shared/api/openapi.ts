/**
 * The OpenAPI 3.1 document, generated from the zod schemas the endpoints validate with, so the document cannot
 * drift from what the API accepts. `apiOperations` is the route table (one entry per function under /api and
 * /v1.0); a unit test fails when a function's route is missing from it. The /v1.0 operations (tag `Graph`) answer
 * errors in Microsoft Graph's body instead of problem+json.
 */
import { z } from "zod";
import { currentAgreement } from "../domain/agreement";
import { partnerProfileBody, partnerProfileResource } from "./partner-profile-schemas";
import * as access from "./access-schemas";
import * as assign from "./assignment-schemas";
import * as onboarding from "./onboarding-schemas";
import * as customer from "./customer-schemas";
import * as devices from "./device-schemas";
import * as ids from "./id-schemas";
import * as pub from "./public-schemas";
import * as rel from "./relationship-schemas";
import * as doc from "./response-schemas";
import * as graph from "./graph-schemas";
import * as purchase from "./purchase-schemas";
import { graphOperations } from "./graph-operations";
import { bulkOperations } from "./bulk-operations";
import { ifMatch, named, relationshipIdParam } from "./operation-parts";
import { apiContact, apiLicense, describeOperation, tagObjects } from "./openapi-metadata";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 428 | 429 | 503;

/** A schema that becomes `#/components/schemas/<name>`. */
export interface NamedSchema {
  readonly name: string;
  readonly schema: z.ZodType;
}

export interface HeaderParameter {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  readonly schema?: z.ZodType;
}

export interface ApiOperation {
  readonly method: HttpMethod;
  /** OpenAPI form, `/api/relationships/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  /** A sentence beyond the summary; the document adds who may call and what it answers (openapi-metadata.ts). */
  readonly description?: string;
  readonly tag: string;
  /** `public` needs no token; `signedIn` needs an Entra ID bearer token. */
  readonly access: "public" | "signedIn";
  readonly pathParams?: Readonly<Record<string, z.ZodType>>;
  readonly query?: z.ZodObject;
  readonly headers?: readonly HeaderParameter[];
  readonly body?: NamedSchema;
  /** A second way to send the body, as text (the device upload's `text/csv`). */
  readonly textBody?: { readonly contentType: string; readonly description: string };
  readonly success: {
    readonly status: number;
    readonly description: string;
    readonly body?: NamedSchema;
    readonly headers?: readonly string[];
  };
  readonly errors: readonly ProblemStatus[];
  /** `graph`: errors in Microsoft Graph's body (application/json), as the /v1.0 surface answers. */
  readonly errorFormat?: "graph";
}

const invitationTokenParam = { token: ids.invitationToken };
const customerRelationshipIdParam = { id: ids.customerRelationshipId };
const assignmentParams = { id: ids.relationshipId, assignmentId: assign.accessAssignmentId };
const accessAssignment = named("AccessAssignment", assign.accessAssignmentResource);

const customerTenantParam = { customerTenantId: ids.tenantGuid };
const autopilotCsv = {
  contentType: "text/csv",
  description:
    "The Windows Autopilot CSV: a header `Device Serial Number,Windows Product ID,Hardware Hash`, optionally `Group Tag`, `Assigned User` (accepted, not kept), `Manufacturer name`, `Device model`; then one device a line, at most 1,000. Without the manufacturer and model columns, pass ?manufacturer=&model=."
};

const partnerRelationship = named("PartnerRelationship", doc.partnerRelationshipResource);
const customerRelationship = named("CustomerRelationship", doc.customerRelationshipResource);
const acknowledgement = named("AgreementAcceptanceRequest", customer.agreementAcceptanceBody);
const partnerProfile = named("PartnerProfile", partnerProfileResource);
const openApiDocumentShape = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown())
});

export const apiOperations: readonly ApiOperation[] = [
  // Public reference data and the partner directory
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    summary: "Health, with a round trip to Cosmos DB",
    tag: "Public",
    access: "public",
    success: { status: 200, description: "Healthy", body: named("Health", doc.healthResource) },
    errors: [413, 503]
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    tag: "Public",
    access: "public",
    success: { status: 200, description: "OpenAPI 3.1 document", body: named("OpenApiDocument", openApiDocumentShape) },
    errors: [413]
  },
  {
    method: "get",
    path: "/api/roles",
    operationId: "listRoles",
    summary: "The Entra role catalogue",
    tag: "Public",
    access: "public",
    success: { status: 200, description: "Roles", body: named("RoleList", pub.roleList), headers: ["Cache-Control"] },
    errors: [413]
  },
  {
    method: "get",
    path: "/api/partner-types",
    operationId: "listPartnerTypes",
    summary: "The nine partner types and their role policies",
    tag: "Public",
    access: "public",
    success: {
      status: 200,
      description: "Partner types",
      body: named("PartnerTypeList", pub.partnerTypeList),
      headers: ["Cache-Control"]
    },
    errors: [413]
  },
  {
    method: "get",
    path: "/api/agreement",
    operationId: "getAgreement",
    summary: "The current customer agreement with the SHA-256 of its text",
    tag: "Public",
    access: "public",
    success: {
      status: 200,
      description: "Agreement",
      body: named("Agreement", pub.agreementResource),
      headers: ["Cache-Control", "ETag"]
    },
    errors: [413]
  },
  {
    method: "get",
    path: "/api/partners",
    operationId: "searchPartners",
    summary: "Find a partner: the public directory",
    tag: "Public",
    access: "public",
    query: pub.directoryQuery,
    success: { status: 200, description: "A page of partners", body: named("DirectoryPage", pub.directoryPage) },
    errors: [400]
  },
  {
    method: "post",
    path: "/api/partners/{id}/contact",
    operationId: "contactPartner",
    summary: "Contact me: ask a partner to get in touch",
    tag: "Public",
    access: "public",
    pathParams: { id: ids.tenantGuid },
    body: named("ContactPartnerRequest", pub.contactPartnerBody),
    success: {
      status: 202,
      description: "Received; the partner is notified",
      body: named("ContactReceived", pub.contactReceived)
    },
    errors: [400, 404, 429]
  },

  // Partner side
  {
    method: "get",
    path: "/api/partner-profile",
    operationId: "getPartnerProfile",
    summary: "The signed-in partner's directory profile",
    tag: "Partner",
    access: "signedIn",
    success: { status: 200, description: "Profile", body: partnerProfile },
    errors: [401, 403, 404]
  },
  {
    method: "put",
    path: "/api/partner-profile",
    operationId: "putPartnerProfile",
    summary: "Write the partner's directory profile (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    body: named("PartnerProfileRequest", partnerProfileBody),
    success: { status: 200, description: "Saved profile", body: partnerProfile },
    errors: [400, 401, 403]
  },
  {
    method: "post",
    path: "/api/relationships",
    operationId: "createRelationship",
    summary: "Invite a customer into a relationship",
    tag: "Partner",
    access: "signedIn",
    headers: [
      {
        name: "Idempotency-Key",
        required: false,
        description: "Repeat a create safely: the same key and body return the first result (200).",
        schema: rel.idempotencyKey
      }
    ],
    body: named("CreateRelationshipRequest", rel.createRelationshipBody),
    success: {
      status: 201,
      description: "Invitation created",
      body: named("CreatedRelationship", doc.createdRelationshipResource),
      headers: ["ETag", "Location"]
    },
    errors: [400, 401, 403, 409, 429]
  },
  {
    method: "get",
    path: "/api/relationships",
    operationId: "listRelationships",
    summary: "The partner's relationships",
    tag: "Partner",
    access: "signedIn",
    query: rel.listRelationshipsQuery,
    success: {
      status: 200,
      description: "A page of relationships",
      body: named("PartnerRelationshipPage", doc.partnerRelationshipPage)
    },
    errors: [400, 401, 403]
  },
  {
    method: "get",
    path: "/api/relationships/{id}",
    operationId: "getRelationship",
    summary: "One relationship",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    success: { status: 200, description: "Relationship", body: partnerRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  },
  {
    method: "patch",
    path: "/api/relationships/{id}",
    operationId: "updateRelationship",
    summary: "Switch auto-extend",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    headers: [ifMatch(true)],
    body: named("UpdateRelationshipRequest", rel.updateRelationshipBody),
    success: { status: 200, description: "Updated", body: partnerRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404, 409, 412, 428]
  },
  {
    method: "delete",
    path: "/api/relationships/{id}",
    operationId: "cancelRelationship",
    summary: "Cancel a pending invitation (or delete a draft made through /v1.0)",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    headers: [ifMatch(true)],
    success: { status: 204, description: "Cancelled" },
    errors: [400, 401, 403, 404, 409, 412, 428]
  },
  {
    method: "post",
    path: "/api/relationships/{id}/terminate",
    operationId: "terminateRelationship",
    summary: "End a relationship",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    headers: [ifMatch(false)],
    success: { status: 202, description: "Termination requested", body: partnerRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404, 409, 412]
  },
  {
    method: "post",
    path: "/api/relationships/{id}/resend",
    operationId: "resendInvitation",
    summary: "Send the invitation email again",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    headers: [ifMatch(false)],
    success: { status: 202, description: "Resend queued", body: partnerRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404, 409, 412, 429]
  },
  {
    method: "post",
    path: "/api/relationships/{id}/accessAssignments",
    operationId: "createAccessAssignment",
    summary: "Give one of the partner's security groups some of an active relationship's roles (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    body: named("CreateAccessAssignmentRequest", assign.createAccessAssignmentBody),
    success: {
      status: 201,
      description: "Created, pending until applied",
      body: accessAssignment,
      headers: ["ETag", "Location"]
    },
    errors: [400, 401, 403, 404, 409]
  },
  {
    method: "get",
    path: "/api/relationships/{id}/accessAssignments",
    operationId: "listAccessAssignments",
    summary: "The relationship's access assignments, deleted ones included",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    success: {
      status: 200,
      description: "Access assignments",
      body: named("AccessAssignmentList", assign.accessAssignmentList)
    },
    errors: [400, 401, 403, 404]
  },
  {
    method: "get",
    path: "/api/relationships/{id}/accessAssignments/{assignmentId}",
    operationId: "getAccessAssignment",
    summary: "One access assignment",
    tag: "Partner",
    access: "signedIn",
    pathParams: assignmentParams,
    success: { status: 200, description: "Access assignment", body: accessAssignment, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  },
  {
    method: "patch",
    path: "/api/relationships/{id}/accessAssignments/{assignmentId}",
    operationId: "updateAccessAssignment",
    summary: "Change the group's roles (202, pending until applied) or its label (200) (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    pathParams: assignmentParams,
    headers: [ifMatch(true)],
    body: named("UpdateAccessAssignmentRequest", assign.updateAccessAssignmentBody),
    success: {
      status: 202,
      description:
        "Accepted: Location names the operation that applies the new roles (200 when nothing needs applying)",
      body: accessAssignment,
      headers: ["ETag", "Location"]
    },
    errors: [400, 401, 403, 404, 409, 412, 428]
  },
  {
    method: "delete",
    path: "/api/relationships/{id}/accessAssignments/{assignmentId}",
    operationId: "deleteAccessAssignment",
    summary: "Take the group's access away at once; the assignment is deleting, then deleted (Partner.Admin)",
    tag: "Partner",
    access: "signedIn",
    pathParams: assignmentParams,
    headers: [ifMatch(true)],
    success: { status: 204, description: "Deleted" },
    errors: [400, 401, 403, 404, 409, 412, 428]
  },
  {
    method: "get",
    path: "/api/relationships/{id}/operations",
    operationId: "listRelationshipOperations",
    summary: "The asynchronous work on the relationship and its assignments, the most recent 100",
    tag: "Partner",
    access: "signedIn",
    pathParams: relationshipIdParam,
    success: { status: 200, description: "Operations", body: named("OperationList", assign.operationList) },
    errors: [400, 401, 403, 404]
  },
  {
    method: "post",
    path: "/api/partner/customers/{customerTenantId}/devices",
    operationId: "registerOemDevices",
    summary:
      "Register devices for a customer under an accepted OEM relationship (Partner.Admin): every row valid or nothing stored; duplicates reported per row",
    tag: "Partner",
    access: "signedIn",
    pathParams: customerTenantParam,
    query: devices.deviceUploadQuery,
    body: named("DeviceUploadRequest", devices.deviceUploadBody),
    textBody: autopilotCsv,
    success: {
      status: 200,
      description: "Per-row outcome (registered or duplicate) and counts",
      body: named("DeviceUploadResult", devices.deviceUploadResult)
    },
    errors: [400, 401, 403, 429, 503]
  },
  {
    method: "get",
    path: "/api/partner/customers/{customerTenantId}/devices",
    operationId: "listOemDevices",
    summary: "The devices this OEM registered for the customer, newest first",
    tag: "Partner",
    access: "signedIn",
    pathParams: customerTenantParam,
    query: devices.deviceListQuery,
    success: { status: 200, description: "A page of devices", body: named("OemDevicePage", devices.oemDevicePage) },
    errors: [400, 401, 403]
  },
  {
    method: "get",
    path: "/api/relationships/{id}/operations/{operationId}",
    operationId: "getRelationshipOperation",
    summary: "One operation",
    tag: "Partner",
    access: "signedIn",
    pathParams: { id: ids.relationshipId, operationId: assign.operationId },
    success: { status: 200, description: "Operation", body: named("Operation", assign.operationResource) },
    errors: [400, 401, 403, 404]
  },

  // MPSA purchases: partners with an accepted MPSA relationship record them; the customer decides who sees whose
  {
    method: "post",
    path: "/api/partner/customers/{customerTenantId}/purchases",
    operationId: "recordPurchase",
    summary: "Record an MPSA purchase for a customer you have an accepted MPSA relationship with (Partner.Admin)",
    tag: "MPSA purchases",
    access: "signedIn",
    pathParams: { customerTenantId: ids.tenantGuid },
    headers: [
      {
        name: "Idempotency-Key",
        required: false,
        description: "Repeat a record safely: the same key and body return the first record (200).",
        schema: rel.idempotencyKey
      }
    ],
    body: named("RecordPurchaseRequest", purchase.recordPurchaseBody),
    success: { status: 201, description: "Recorded", body: named("PartnerPurchase", purchase.partnerPurchaseResource) },
    errors: [400, 401, 403, 409, 429]
  },
  {
    method: "get",
    path: "/api/partner/customers/{customerTenantId}/purchases",
    operationId: "listPartnerPurchases",
    summary:
      "The customer's MPSA purchases you may see: yours, and every MPSA partner's while the customer shares them",
    tag: "MPSA purchases",
    access: "signedIn",
    pathParams: { customerTenantId: ids.tenantGuid },
    query: purchase.partnerPurchasesQuery,
    success: {
      status: 200,
      description: "A page of purchases, latest purchase date first",
      body: named("PartnerPurchasePage", purchase.partnerPurchasePage)
    },
    errors: [400, 401, 403]
  },
  {
    method: "get",
    path: "/api/customer/purchases",
    operationId: "listCustomerPurchases",
    summary: "Every MPSA purchase your partners recorded, grouped by partner (Billing Administrator or above)",
    tag: "MPSA purchases",
    access: "signedIn",
    query: purchase.customerPurchasesQuery,
    success: {
      status: 200,
      description: "A page of purchases by partner",
      body: named("CustomerPurchasePage", purchase.customerPurchasePage)
    },
    errors: [400, 401, 403]
  },
  {
    method: "get",
    path: "/api/customer/mpsa-purchase-sharing",
    operationId: "getPurchaseSharing",
    summary: "Whether your MPSA partners see each other's purchases, with the recent changes (any admin)",
    tag: "MPSA purchases",
    access: "signedIn",
    success: {
      status: 200,
      description: "The setting",
      body: named("PurchaseSharing", purchase.purchaseSharingResource),
      headers: ["ETag"]
    },
    errors: [401, 403]
  },
  {
    method: "put",
    path: "/api/customer/mpsa-purchase-sharing",
    operationId: "putPurchaseSharing",
    summary: "Let your MPSA partners see each other's purchases, or stop it (Billing Administrator or above); audited",
    tag: "MPSA purchases",
    access: "signedIn",
    headers: [ifMatch(false)],
    body: named("PurchaseSharingRequest", purchase.purchaseSharingBody),
    success: {
      status: 200,
      description: "The setting as it is now",
      body: named("PurchaseSharing", purchase.purchaseSharingResource),
      headers: ["ETag"]
    },
    errors: [400, 401, 403, 412]
  },

  // Partner onboarding: a tenant applies; an operator (the Operator app role in the operator's tenant) decides
  {
    method: "post",
    path: "/api/partner-application",
    operationId: "submitPartnerApplication",
    summary: "Apply to become a partner, or update or renew the application (a Global Administrator or Partner.Admin)",
    tag: "Onboarding",
    access: "signedIn",
    headers: [ifMatch(false)],
    body: named("PartnerApplicationRequest", onboarding.applicationBody),
    success: {
      status: 202,
      description: "In review",
      body: named("PartnerApplication", onboarding.applicationResource),
      headers: ["ETag", "Location"]
    },
    errors: [400, 401, 403, 409, 412]
  },
  {
    method: "get",
    path: "/api/partner-application",
    operationId: "getPartnerApplication",
    summary: "The tenant's application and its decision",
    tag: "Onboarding",
    access: "signedIn",
    success: {
      status: 200,
      description: "Application",
      body: named("PartnerApplication", onboarding.applicationResource),
      headers: ["ETag"]
    },
    errors: [401, 403, 404]
  },
  {
    method: "get",
    path: "/api/operator/partner-applications",
    operationId: "listPartnerApplications",
    summary: "Applications by status, oldest first (Operator)",
    tag: "Operator",
    access: "signedIn",
    query: onboarding.applicationStatusQuery,
    success: {
      status: 200,
      description: "A page of applications",
      body: named("PartnerApplicationPage", onboarding.operatorApplicationPage)
    },
    errors: [400, 401, 403]
  },
  {
    method: "get",
    path: "/api/operator/partner-applications/{tenantId}",
    operationId: "reviewPartnerApplication",
    summary: "One application with its history (Operator)",
    tag: "Operator",
    access: "signedIn",
    pathParams: { tenantId: onboarding.applicantTenantId },
    success: {
      status: 200,
      description: "Application",
      body: named("OperatorPartnerApplication", onboarding.operatorApplicationResource),
      headers: ["ETag"]
    },
    errors: [400, 401, 403, 404]
  },
  {
    method: "post",
    path: "/api/operator/partner-applications/{tenantId}/approve",
    operationId: "approvePartnerApplication",
    summary: "Approve: the tenant becomes a registered partner that may invite (Operator)",
    tag: "Operator",
    access: "signedIn",
    pathParams: { tenantId: onboarding.applicantTenantId },
    headers: [ifMatch(false)],
    success: {
      status: 200,
      description: "Approved",
      body: named("OperatorPartnerApplication", onboarding.operatorApplicationResource),
      headers: ["ETag"]
    },
    errors: [400, 401, 403, 404, 409, 412]
  },
  {
    method: "post",
    path: "/api/operator/partner-applications/{tenantId}/reject",
    operationId: "rejectPartnerApplication",
    summary: "Reject with a reason the applicant sees (Operator)",
    tag: "Operator",
    access: "signedIn",
    pathParams: { tenantId: onboarding.applicantTenantId },
    headers: [ifMatch(false)],
    body: named("ReasonRequest", onboarding.reasonBody),
    success: {
      status: 200,
      description: "Rejected",
      body: named("OperatorPartnerApplication", onboarding.operatorApplicationResource),
      headers: ["ETag"]
    },
    errors: [400, 401, 403, 404, 409, 412]
  },
  {
    method: "get",
    path: "/api/operator/partners",
    operationId: "listPartners",
    summary: "Registered partners by status (Operator)",
    tag: "Operator",
    access: "signedIn",
    query: onboarding.partnerStatusQuery,
    success: {
      status: 200,
      description: "A page of partners",
      body: named("OperatorPartnerPage", onboarding.operatorPartnerPage)
    },
    errors: [400, 401, 403]
  },
  {
    method: "post",
    path: "/api/operator/partners/{tenantId}/suspend",
    operationId: "suspendPartner",
    summary: "Suspend a partner: no new invitations; its relationships continue (Operator)",
    tag: "Operator",
    access: "signedIn",
    pathParams: { tenantId: onboarding.applicantTenantId },
    body: named("ReasonRequest", onboarding.reasonBody),
    success: {
      status: 200,
      description: "Suspended",
      body: named("OperatorPartner", onboarding.operatorPartnerResource)
    },
    errors: [400, 401, 403, 404]
  },
  {
    method: "post",
    path: "/api/operator/partners/{tenantId}/reinstate",
    operationId: "reinstatePartner",
    summary: "Reinstate a suspended partner (Operator)",
    tag: "Operator",
    access: "signedIn",
    pathParams: { tenantId: onboarding.applicantTenantId },
    body: named("OptionalReasonRequest", onboarding.optionalReasonBody),
    success: {
      status: 200,
      description: "Reinstated",
      body: named("OperatorPartner", onboarding.operatorPartnerResource)
    },
    errors: [400, 401, 403, 404]
  },

  // Customer side
  {
    method: "get",
    path: "/api/invitations/{token}",
    operationId: "getInvitation",
    summary: "The invitation behind an emailed link",
    tag: "Customer",
    access: "signedIn",
    pathParams: invitationTokenParam,
    success: {
      status: 200,
      description: "Invitation",
      body: named("InvitationView", doc.invitationView),
      headers: ["ETag"]
    },
    errors: [400, 401, 403, 404]
  },
  {
    method: "post",
    path: "/api/invitations/{token}/accept",
    operationId: "acceptInvitation",
    summary: "Accept the agreement and authorise the partner",
    tag: "Customer",
    access: "signedIn",
    pathParams: invitationTokenParam,
    headers: [ifMatch(false)],
    body: named("AcceptInvitationRequest", customer.acceptInvitationBody),
    success: { status: 200, description: "Accepted", body: customerRelationship, headers: ["ETag", "Location"] },
    errors: [400, 401, 403, 404, 409, 412]
  },
  {
    method: "post",
    path: "/api/invitations/{token}/decline",
    operationId: "declineInvitation",
    summary: "Decline an invitation",
    tag: "Customer",
    access: "signedIn",
    pathParams: invitationTokenParam,
    headers: [ifMatch(false)],
    success: { status: 200, description: "Declined", body: customerRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404, 409, 412]
  },
  {
    method: "get",
    path: "/api/customer/relationships",
    operationId: "listCustomerRelationships",
    summary: "The partners the customer works with",
    tag: "Customer",
    access: "signedIn",
    query: customer.customerRelationshipsQuery,
    success: {
      status: 200,
      description: "Relationships",
      body: named("CustomerRelationshipList", doc.customerRelationshipList)
    },
    errors: [400, 401, 403]
  },
  {
    method: "get",
    path: "/api/customer/relationships/{id}",
    operationId: "getCustomerRelationship",
    summary: "One partner relationship, with its history",
    tag: "Customer",
    access: "signedIn",
    pathParams: customerRelationshipIdParam,
    success: {
      status: 200,
      description: "Relationship",
      body: named("CustomerRelationshipDetail", doc.customerRelationshipDetail),
      headers: ["ETag"]
    },
    errors: [400, 401, 403, 404]
  },
  {
    method: "post",
    path: "/api/customer/relationships/{id}/remove-roles",
    operationId: "removeRoles",
    summary: "Remove the partner's admin roles; the relationship stays",
    tag: "Customer",
    access: "signedIn",
    pathParams: customerRelationshipIdParam,
    headers: [ifMatch(false)],
    success: {
      status: 200,
      description: "Roles removed (grants are revoked asynchronously)",
      body: customerRelationship,
      headers: ["ETag"]
    },
    errors: [400, 401, 403, 404, 409, 412]
  },
  {
    method: "post",
    path: "/api/customer/relationships/{id}/terminate",
    operationId: "terminateCustomerRelationship",
    summary: "End the relationship from the customer side",
    tag: "Customer",
    access: "signedIn",
    pathParams: customerRelationshipIdParam,
    headers: [ifMatch(false)],
    success: { status: 202, description: "Termination requested", body: customerRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404, 409, 412]
  },
  {
    method: "get",
    path: "/api/customer/agreement",
    operationId: "getCustomerAgreement",
    summary: "Whether the customer has accepted the current agreement",
    tag: "Customer",
    access: "signedIn",
    success: { status: 200, description: "Acceptance status", body: named("AgreementStatus", doc.agreementStatus) },
    errors: [401, 403]
  },
  {
    method: "post",
    path: "/api/customer/agreement/accept",
    operationId: "acceptCustomerAgreement",
    summary: "Accept the current customer agreement on its own",
    tag: "Customer",
    access: "signedIn",
    body: acknowledgement,
    success: { status: 200, description: "Accepted", body: named("AcceptedAgreement", doc.acceptedAgreement) },
    errors: [400, 401, 403, 409]
  },
  {
    method: "get",
    path: "/api/customer/devices",
    operationId: "listCustomerDevices",
    summary:
      "The devices OEMs registered for the customer, with the OEM that registered each (Intune, Cloud Device, Billing or Global Administrator)",
    tag: "Customer",
    access: "signedIn",
    query: devices.deviceListQuery,
    success: {
      status: 200,
      description: "A page of devices",
      body: named("CustomerDevicePage", devices.customerDevicePage)
    },
    errors: [400, 401, 403]
  },
  {
    method: "delete",
    path: "/api/customer/devices/{id}",
    operationId: "removeCustomerDevice",
    summary: "Remove a device an OEM registered; the removal (who, when) is kept",
    tag: "Customer",
    access: "signedIn",
    pathParams: { id: devices.deviceId },
    success: { status: 204, description: "Removed (also when it had been removed already)" },
    errors: [400, 401, 403, 404]
  },
  {
    method: "get",
    path: "/api/access",
    operationId: "checkAccess",
    summary: "May partner P (or a member of these security groups) act with role R in customer C right now?",
    tag: "Access",
    access: "signedIn",
    query: access.accessCheckQuery,
    success: {
      status: 200,
      description: "Yes (with the grant's end, and with groups the assignment) or no (with why)",
      body: named("AccessCheckResult", access.accessCheckResponse)
    },
    errors: [400, 401, 403]
  },
  ...bulkOperations,
  ...graphOperations,
  {
    method: "get",
    path: "/api/aobo/capabilities",
    operationId: "getAoboCapabilities",
    summary: "What a partner acting on behalf of a customer can reach",
    tag: "AOBO",
    access: "signedIn",
    query: pub.aoboQuery,
    success: {
      status: 200,
      description: "Capabilities",
      body: named("AoboCapabilities", pub.aoboCapabilitiesResource)
    },
    errors: [400, 401]
  }
];

const problemTitles: Record<ProblemStatus, string> = {
  400: "The request is not valid (errors[] names each field)",
  401: "Sign-in required: no or invalid bearer token",
  403: "Not allowed (requiredRole names what is missing, when one role would do)",
  404: "Not found",
  409: "Conflict with the current state",
  412: "The resource changed since you read it (stale If-Match)",
  413: "The request body is over the host's limit (100 MB), refused by the host before the function runs",
  428: "If-Match is required",
  429: "An abuse limit is reached (limit names it); try again after Retry-After seconds, at retryAfterDateTime",
  503: "A dependency is unavailable"
};

const responseHeaders: Record<string, { description: string }> = {
  ETag: { description: "Version of the resource; send it back in If-Match." },
  Location: { description: "URL of the created resource." },
  "Cache-Control": { description: "Public, cacheable reference data." }
};

/** The document version: `package.json`'s version (a unit test keeps them equal). */
export const apiVersion = "0.1.0";

type JsonSchema = Record<string, unknown>;

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  // "input": what a client sends (defaults make a field optional); unrepresentable refinements are left out.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any"
  }) as JsonSchema;
  return rest;
}

export function buildOpenApiDocument(operations: readonly ApiOperation[] = apiOperations): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = {
    Problem: toJsonSchema(doc.problemSchema),
    GraphError: toJsonSchema(graph.graphErrorSchema)
  };
  const owners = new Map<string, z.ZodType>();
  const ref = ({ name, schema }: NamedSchema) => {
    const owner = owners.get(name);
    if (owner && owner !== schema)
      throw new Error(`Two different schemas are both named ${name} in the OpenAPI route table.`);
    if (!owner) {
      owners.set(name, schema);
      schemas[name] = toJsonSchema(schema);
    }
    return { $ref: `#/components/schemas/${name}` };
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method])
      throw new Error(`${operation.method.toUpperCase()} ${operation.path} is in the route table twice.`);
    item[operation.method] = operationObject(operation, ref);
  }
  const statusesOf = (graphErrors: boolean) =>
    [
      ...new Set(
        operations
          .filter((operation) => (operation.errorFormat === "graph") === graphErrors)
          .flatMap((operation) => [...operation.errors, ...(operation.access === "signedIn" ? [401] : [])])
      )
    ].sort((a, b) => a - b);
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner relationships API",
      version: apiVersion,
      summary: "Partners invite customers into time-bound, least-privilege admin relationships (GDAP).",
      description: `Errors under /api are RFC 9457 problem+json; under /v1.0 (tag Graph) they are Microsoft Graph's error body. The current customer agreement is version ${currentAgreement.version}.`,
      contact: apiContact,
      license: apiLicense
    },
    servers: [{ url: "/", description: "The app that serves this document (locally http://127.0.0.1:7071)" }],
    tags: tagObjects(operations),
    paths,
    components: {
      schemas,
      responses: Object.fromEntries([
        ...statusesOf(false).map((status) => [
          `Problem${status}`,
          errorResponse(status as ProblemStatus, "application/problem+json", "Problem")
        ]),
        ...statusesOf(true).map((status) => [
          `GraphError${status}`,
          errorResponse(status as ProblemStatus, "application/json", "GraphError")
        ])
      ]),
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A Microsoft Entra ID access token for this API: tid, oid, wids and app roles (Partner.Admin, Operator)."
        }
      }
    }
  };
}

function errorResponse(status: ProblemStatus, contentType: string, schema: string): Record<string, unknown> {
  // The host answers 413 itself, in its own body on Azure, so no body shape is promised.
  if (status === 413) return { description: problemTitles[status] };
  return {
    description: problemTitles[status],
    ...(status === 429
      ? {
          headers: {
            "Retry-After": {
              description: "Seconds until the limit's window ends.",
              schema: { type: "integer", minimum: 1 }
            }
          }
        }
      : {}),
    content: { [contentType]: { schema: { $ref: `#/components/schemas/${schema}` } } }
  };
}

function operationObject(
  operation: ApiOperation,
  ref: (schema: NamedSchema) => { $ref: string }
): Record<string, unknown> {
  const templateNames = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  const declared = Object.keys(operation.pathParams ?? {});
  if (templateNames.join() !== declared.join()) {
    throw new Error(
      `${operation.operationId}: path parameters ${templateNames.join(", ") || "(none)"} but schemas for ${declared.join(", ") || "(none)"}.`
    );
  }
  const parameters = [
    ...Object.entries(operation.pathParams ?? {}).map(([name, schema]) => ({
      name,
      in: "path",
      required: true,
      schema: toJsonSchema(schema)
    })),
    ...queryParameters(operation.query),
    ...(operation.headers ?? []).map((header) => ({
      name: header.name,
      in: "header",
      required: header.required,
      description: header.description,
      schema: header.schema ? toJsonSchema(header.schema) : { type: "string" }
    }))
  ];
  const { success } = operation;
  const successResponse: Record<string, unknown> = { description: success.description };
  if (success.body) successResponse.content = { "application/json": { schema: ref(success.body) } };
  if (success.headers?.length) {
    successResponse.headers = Object.fromEntries(
      success.headers.map((name) => [name, { ...responseHeaders[name], schema: { type: "string" } }])
    );
  }
  const errorStatuses = [
    ...new Set<ProblemStatus>([...operation.errors, ...(operation.access === "signedIn" ? ([401] as const) : [])])
  ].sort((a, b) => a - b);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: describeOperation(operation, errorStatuses),
    tags: [operation.tag],
    ...(operation.access === "signedIn" ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref(operation.body) }, ...textContent(operation.textBody) }
          }
        }
      : {}),
    responses: {
      [String(success.status)]: successResponse,
      ...Object.fromEntries(
        errorStatuses.map((status) => [
          String(status),
          { $ref: `#/components/responses/${operation.errorFormat === "graph" ? "GraphError" : "Problem"}${status}` }
        ])
      )
    }
  };
}

function textContent(text: ApiOperation["textBody"]): Record<string, unknown> {
  return text ? { [text.contentType]: { schema: { type: "string", description: text.description } } } : {};
}

function queryParameters(query: z.ZodObject | undefined): Record<string, unknown>[] {
  if (!query) return [];
  const schema = toJsonSchema(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: property
  }));
}

let cached: Record<string, unknown> | undefined;

/** Built once per process, on first request. */
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApiDocument();
  return cached;
}
