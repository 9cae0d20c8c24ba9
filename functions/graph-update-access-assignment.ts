import { app } from "@azure/functions";
import { graphUpdateAccessAssignmentBody } from "../shared/api/graph-assignment-schemas";
import { getServices } from "../shared/composition-root";
import { assignmentResponse, operationUrl } from "../shared/graph/graph-assignment-calls";
import { graphEndpoint } from "../shared/graph/graph-endpoint";
import { assignmentChangeRequest } from "../shared/http/assignment-request";
import { readJsonBody } from "../shared/http/json-body";
import { updateAccessAssignment } from "../shared/use-cases/access-assignments";

app.http("graphUpdateAccessAssignment", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}",
  methods: ["PATCH"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const changeRequest = await assignmentChangeRequest(request);
    const body = await readJsonBody(request, graphUpdateAccessAssignmentBody);
    const roleDefinitionIds = body.accessDetails?.unifiedRoles.map((role) => role.roleDefinitionId);
    const { assignment, operation } = await updateAccessAssignment(getServices(), changeRequest, { roleDefinitionIds, label: body.label });
    // As Graph: 202 with the long-running operation in Location (and when to look); 200 when nothing needs applying.
    if (!operation) return assignmentResponse(assignment);
    return assignmentResponse(assignment, { status: 202, location: operationUrl(changeRequest.relationshipId, operation.id), retryAfterSeconds: 1 });
  })
});
