/**
 * What every partner request on one access assignment starts with: a partner caller (Partner.Admin to write), the
 * relationship and assignment ids from the route, and for PATCH and DELETE the assignment's If-Match — checked in
 * that order, so a caller without a token hears 401 before anything about its request.
 */
import type { HttpRequest } from "@azure/functions";
import { accessAssignmentId } from "../api/assignment-schemas";
import { relationshipId } from "../api/id-schemas";
import type { AssignmentRequest } from "../use-cases/access-assignments";
import { actorOf, partnerCaller, type CallerServices } from "./callers";
import { requireIfMatch } from "./etag";
import { readRouteParam } from "./request-parts";

export async function assignmentChangeRequest(
  services: Pick<CallerServices, "tokenVerifier" | "tenants">,
  request: HttpRequest
): Promise<AssignmentRequest> {
  const caller = await partnerCaller(services, request, "write");
  const id = readRouteParam(request, "id", relationshipId);
  const assignmentId = readRouteParam(request, "assignmentId", accessAssignmentId);
  return {
    partnerTenantId: caller.partner.tenantId,
    relationshipId: id,
    accessAssignmentId: assignmentId.toLowerCase(),
    actor: actorOf(caller.principal, "partner"),
    ifMatch: requireIfMatch(request)
  };
}

/** Where an assignment and an operation live under the API (the Location headers). */
export const assignmentPaths = {
  assignment: (relationshipId: string, assignmentId: string) =>
    `/api/relationships/${relationshipId}/accessAssignments/${assignmentId}`,
  operation: (relationshipId: string, operationId: string) =>
    `/api/relationships/${relationshipId}/operations/${operationId}`
};
