import { app } from "@azure/functions";
import { updateAccessAssignmentBody } from "../shared/api/assignment-schemas";
import { assignmentEtag } from "../shared/assignments/assignment-records";
import { toAccessAssignmentResource } from "../shared/assignments/assignment-resource";
import { assignmentChangeRequest, assignmentPaths } from "../shared/http/assignment-request";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { updateAccessAssignment } from "../shared/use-cases/access-assignments";
import { endpoint } from "../shared/wiring";

app.http("updateAccessAssignment", {
  route: "api/relationships/{id}/accessAssignments/{assignmentId}",
  methods: ["PATCH"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const changeRequest = await assignmentChangeRequest(services, request);
    const body = await readJsonBody(request, updateAccessAssignmentBody);
    const roleDefinitionIds = body.accessDetails?.unifiedRoles.map((role) => role.roleDefinitionId);
    const { assignment, operation } = await updateAccessAssignment(services, changeRequest, {
      roleDefinitionIds,
      label: body.label
    });
    // As Graph: 202 with the operation that applies new roles; 200 when nothing needs applying.
    const location = operation ? assignmentPaths.operation(changeRequest.relationshipId, operation.id) : undefined;
    return json(toAccessAssignmentResource(assignment), {
      status: operation ? 202 : 200,
      etag: toHttpEtag(assignmentEtag(assignment)),
      location
    });
  })
});
