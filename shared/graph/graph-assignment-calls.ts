/**
 * What the /v1.0 assignment and operation triggers share: one assignment or operation answered as Graph writes it
 * (its context, `@odata.etag` equal to the ETag header, an absolute Location where one is owed), and the ids the
 * routes carry.
 */
import type { HttpResponseInit } from "@azure/functions";
import type { AccessAssignmentRecord, OperationRecord } from "../assignments/assignment-records";
import { graphJson } from "./graph-endpoint";
import {
  accessAssignmentsEntitySet,
  operationsEntitySet,
  toGraphAccessAssignment,
  toGraphOperation
} from "./graph-assignments";
import { graphBase, relationshipUrl, type GraphServices } from "./graph-partner-calls";
import { entityBody } from "./graph-resource";

type BaseUrl = Pick<GraphServices, "publicBaseUrl">;

export function assignmentUrl(services: BaseUrl, relationshipId: string, assignmentId: string): string {
  return `${relationshipUrl(services, relationshipId)}/accessAssignments/${assignmentId}`;
}

export function operationUrl(services: BaseUrl, relationshipId: string, operationId: string): string {
  return `${relationshipUrl(services, relationshipId)}/operations/${operationId}`;
}

export function assignmentResponse(
  services: BaseUrl,
  assignment: AccessAssignmentRecord,
  options: { status?: number; location?: string; retryAfterSeconds?: number } = {}
): HttpResponseInit {
  const resource = toGraphAccessAssignment(assignment);
  const response = graphJson(entityBody(graphBase(services), accessAssignmentsEntitySet, resource), {
    status: options.status,
    etag: resource["@odata.etag"] as string,
    ...(options.location ? { location: options.location } : {})
  });
  if (options.retryAfterSeconds === undefined) return response;
  return {
    ...response,
    headers: { ...(response.headers as Record<string, string>), "retry-after": String(options.retryAfterSeconds) }
  };
}

export function operationResponse(services: BaseUrl, operation: OperationRecord): HttpResponseInit {
  const resource = toGraphOperation(operation);
  return graphJson(entityBody(graphBase(services), operationsEntitySet, resource), {
    etag: resource["@odata.etag"] as string
  });
}
