import { app } from "@azure/functions";
import { graphUpdateAccessAssignmentBody } from "../shared/api/graph-assignment-schemas";
import { assignmentResponse, operationUrl } from "../shared/graph/graph-assignment-calls";
import { assignmentChangeRequest } from "../shared/http/assignment-request";
import { readJsonBody } from "../shared/http/json-body";
import { updateAccessAssignment } from "../shared/use-cases/access-assignments";
import { graphEndpoint } from "../shared/wiring";

app.http("graphUpdateAccessAssignment", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}",
  methods: ["PATCH"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const changeRequest = await assignmentChangeRequest(services, request);
    const body = await readJsonBody(request, graphUpdateAccessAssignmentBody);
    const roleDefinitionIds = body.accessDetails?.unifiedRoles.map((role) => role.roleDefinitionId);
    const { assignment, operation } = await updateAccessAssignment(services, changeRequest, {
      roleDefinitionIds,
      label: body.label
    });
    // As Graph: 202 with the long-running operation in Location (and when to look); 200 when nothing needs applying.
    if (!operation) return assignmentResponse(services, assignment);
    return assignmentResponse(services, assignment, {
      status: 202,
      location: operationUrl(services, changeRequest.relationshipId, operation.id),
      retryAfterSeconds: 1
    });
  })
});
