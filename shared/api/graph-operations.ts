/**
 * The /v1.0 operations of the OpenAPI route table: the partner side as Microsoft Graph's GDAP API (base URL
 * <host>/v1.0), over the same use cases as /api/relationships. Tag `Graph`; errors in Graph's body.
 */
import * as graphAssign from "./graph-assignment-schemas";
import * as assign from "./assignment-schemas";
import * as graph from "./graph-schemas";
import * as ids from "./id-schemas";
import type { ApiOperation } from "./openapi";
import { ifMatch, named, relationshipIdParam } from "./operation-parts";
import * as rel from "./relationship-schemas";

const graphRelationship = named("GraphDelegatedAdminRelationship", graph.graphRelationshipResource);
const graphRequest = named("GraphDelegatedAdminRelationshipRequest", graph.graphRequestResource);
const graphCustomer = named("GraphDelegatedAdminCustomer", graph.graphCustomerResource);
const relationshipsPath = "/v1.0/tenantRelationships/delegatedAdminRelationships";
const customersPath = "/v1.0/tenantRelationships/delegatedAdminCustomers";
const relationshipFilters =
  "status eq '...' (Graph's statuses; terminated also finds declined and cancelled), displayName eq '...', startswith(displayName, '...'), customer/tenantId eq '...', joined with and.";
const relationshipQuery = graph.graphListQuery(relationshipFilters, [
  "createdDateTime",
  "displayName",
  "status",
  "endDateTime"
]);
const requestQuery = graph.graphListQuery("status eq '...', action eq '...', joined with and.", ["createdDateTime"]);
const customerQuery = graph.graphListQuery(
  "displayName eq '...', startswith(displayName, '...'), tenantId eq '...', joined with and.",
  ["displayName", "tenantId"]
);
const graphAssignment = named("GraphDelegatedAdminAccessAssignment", graphAssign.graphAccessAssignmentResource);
const graphRelationshipOperation = named(
  "GraphDelegatedAdminRelationshipOperation",
  graphAssign.graphOperationResource
);
const assignmentQuery = graph.graphListQuery(
  "status eq '...', accessContainer/accessContainerId eq '...', joined with and.",
  ["createdDateTime", "lastModifiedDateTime", "status"]
);
const operationQuery = graph.graphListQuery("status eq '...', operationType eq '...', joined with and.", [
  "createdDateTime",
  "lastModifiedDateTime",
  "status"
]);
const assignmentParams = { ...relationshipIdParam, assignmentId: assign.accessAssignmentId };
const graphOperation = (operation: Omit<ApiOperation, "tag" | "access" | "errorFormat">): ApiOperation => ({
  ...operation,
  tag: "Graph",
  access: "signedIn",
  errorFormat: "graph"
});

export const graphOperations: readonly ApiOperation[] = [
  graphOperation({
    method: "post",
    path: relationshipsPath,
    operationId: "graphCreateRelationship",
    summary: "Create a relationship in created (Partner.Admin)",
    headers: [
      {
        name: "Idempotency-Key",
        required: false,
        description: "Repeat a create safely: the same key and body return the first result (200).",
        schema: rel.idempotencyKey
      }
    ],
    body: named("GraphCreateDelegatedAdminRelationship", graph.graphCreateRelationshipBody),
    success: { status: 201, description: "Created", body: graphRelationship, headers: ["ETag", "Location"] },
    errors: [400, 401, 403, 409]
  }),
  graphOperation({
    method: "get",
    path: relationshipsPath,
    operationId: "graphListRelationships",
    summary: "The partner's relationships",
    query: relationshipQuery,
    success: {
      status: 200,
      description: "A page of relationships",
      body: named("GraphDelegatedAdminRelationshipCollection", graph.graphRelationshipCollection)
    },
    errors: [400, 401, 403]
  }),
  graphOperation({
    method: "get",
    path: `${relationshipsPath}/{id}`,
    operationId: "graphGetRelationship",
    summary: "One relationship (with invitationLink for a Partner.Admin while approvalPending)",
    pathParams: relationshipIdParam,
    success: { status: 200, description: "Relationship", body: graphRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "patch",
    path: `${relationshipsPath}/{id}`,
    operationId: "graphUpdateRelationship",
    summary: "Change the terms while created; only autoExtendDuration after (Partner.Admin)",
    pathParams: relationshipIdParam,
    headers: [ifMatch(true)],
    body: named("GraphUpdateDelegatedAdminRelationship", graph.graphUpdateRelationshipBody),
    success: { status: 200, description: "Updated", body: graphRelationship, headers: ["ETag"] },
    errors: [400, 401, 403, 404, 409, 412, 428]
  }),
  graphOperation({
    method: "delete",
    path: `${relationshipsPath}/{id}`,
    operationId: "graphDeleteRelationship",
    summary: "Delete a relationship in created (Partner.Admin)",
    pathParams: relationshipIdParam,
    headers: [ifMatch(true)],
    success: { status: 204, description: "Deleted" },
    errors: [400, 401, 403, 404, 409, 412, 428]
  }),
  graphOperation({
    method: "post",
    path: `${relationshipsPath}/{id}/requests`,
    operationId: "graphCreateRelationshipRequest",
    summary: "lockForApproval or terminate (Partner.Admin; locking also an approved, unsuspended partner)",
    pathParams: relationshipIdParam,
    headers: [ifMatch(false)],
    body: named("GraphCreateDelegatedAdminRelationshipRequest", graph.graphCreateRequestBody),
    success: { status: 201, description: "Request made", body: graphRequest, headers: ["ETag", "Location"] },
    errors: [400, 401, 403, 404, 409, 412, 429]
  }),
  graphOperation({
    method: "get",
    path: `${relationshipsPath}/{id}/requests`,
    operationId: "graphListRelationshipRequests",
    summary: "A relationship's requests, newest first",
    pathParams: relationshipIdParam,
    query: requestQuery,
    success: {
      status: 200,
      description: "A page of requests",
      body: named("GraphDelegatedAdminRelationshipRequestCollection", graph.graphRequestCollection)
    },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "get",
    path: `${relationshipsPath}/{id}/requests/{requestId}`,
    operationId: "graphGetRelationshipRequest",
    summary: "One request",
    pathParams: { ...relationshipIdParam, requestId: ids.requestId },
    success: { status: 200, description: "Request", body: graphRequest, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "post",
    path: `${relationshipsPath}/{id}/accessAssignments`,
    operationId: "graphCreateAccessAssignment",
    summary: "Give one of the partner's security groups some of an active relationship's roles (Partner.Admin)",
    pathParams: relationshipIdParam,
    body: named("GraphCreateDelegatedAdminAccessAssignment", graphAssign.graphCreateAccessAssignmentBody),
    success: {
      status: 201,
      description: "Created, pending until applied",
      body: graphAssignment,
      headers: ["ETag", "Location"]
    },
    errors: [400, 401, 403, 404, 409]
  }),
  graphOperation({
    method: "get",
    path: `${relationshipsPath}/{id}/accessAssignments`,
    operationId: "graphListAccessAssignments",
    summary: "A relationship's access assignments, deleted ones included",
    pathParams: relationshipIdParam,
    query: assignmentQuery,
    success: {
      status: 200,
      description: "A page of access assignments",
      body: named("GraphDelegatedAdminAccessAssignmentCollection", graphAssign.graphAccessAssignmentCollection)
    },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "get",
    path: `${relationshipsPath}/{id}/accessAssignments/{assignmentId}`,
    operationId: "graphGetAccessAssignment",
    summary: "One access assignment",
    pathParams: assignmentParams,
    success: { status: 200, description: "Access assignment", body: graphAssignment, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "patch",
    path: `${relationshipsPath}/{id}/accessAssignments/{assignmentId}`,
    operationId: "graphUpdateAccessAssignment",
    summary:
      "Change the group's roles (202: Location names the operation; 200 when nothing needs applying) (Partner.Admin)",
    pathParams: assignmentParams,
    headers: [ifMatch(true)],
    body: named("GraphUpdateDelegatedAdminAccessAssignment", graphAssign.graphUpdateAccessAssignmentBody),
    success: {
      status: 202,
      description: "Accepted, pending until applied",
      body: graphAssignment,
      headers: ["ETag", "Location"]
    },
    errors: [400, 401, 403, 404, 409, 412, 428]
  }),
  graphOperation({
    method: "delete",
    path: `${relationshipsPath}/{id}/accessAssignments/{assignmentId}`,
    operationId: "graphDeleteAccessAssignment",
    summary: "Take the group's access away at once; deleting, then deleted (Partner.Admin)",
    pathParams: assignmentParams,
    headers: [ifMatch(true)],
    success: { status: 204, description: "Deleted" },
    errors: [400, 401, 403, 404, 409, 412, 428]
  }),
  graphOperation({
    method: "get",
    path: `${relationshipsPath}/{id}/operations`,
    operationId: "graphListRelationshipOperations",
    summary: "The asynchronous work on the relationship and its assignments, the most recent 100",
    pathParams: relationshipIdParam,
    query: operationQuery,
    success: {
      status: 200,
      description: "A page of operations",
      body: named("GraphDelegatedAdminRelationshipOperationCollection", graphAssign.graphOperationCollection)
    },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "get",
    path: `${relationshipsPath}/{id}/operations/{operationId}`,
    operationId: "graphGetRelationshipOperation",
    summary: "One operation",
    pathParams: { ...relationshipIdParam, operationId: assign.operationId },
    success: { status: 200, description: "Operation", body: graphRelationshipOperation, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "get",
    path: customersPath,
    operationId: "graphListCustomers",
    summary: "Customers with at least one active relationship",
    query: customerQuery,
    success: {
      status: 200,
      description: "A page of customers",
      body: named("GraphDelegatedAdminCustomerCollection", graph.graphCustomerCollection)
    },
    errors: [400, 401, 403]
  }),
  graphOperation({
    method: "get",
    path: `${customersPath}/{tenantId}`,
    operationId: "graphGetCustomer",
    summary: "One customer",
    pathParams: { tenantId: ids.tenantGuid },
    success: { status: 200, description: "Customer", body: graphCustomer, headers: ["ETag"] },
    errors: [400, 401, 403, 404]
  }),
  graphOperation({
    method: "get",
    path: `${customersPath}/{tenantId}/serviceManagementDetails`,
    operationId: "graphListServiceManagementDetails",
    summary: "Services managed in the customer tenant (none)",
    pathParams: { tenantId: ids.tenantGuid },
    success: {
      status: 200,
      description: "An empty collection",
      body: named("GraphServiceManagementDetailCollection", graph.graphServiceManagementDetailCollection)
    },
    errors: [400, 401, 403, 404]
  })
];
