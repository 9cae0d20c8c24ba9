import { app } from "@azure/functions";
import { graphNoContent } from "../shared/graph/graph-endpoint";
import { assignmentChangeRequest } from "../shared/http/assignment-request";
import { deleteAccessAssignment } from "../shared/use-cases/access-assignments";
import { graphEndpoint } from "../shared/wiring";

app.http("graphDeleteAccessAssignment", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    // As Graph: 204. The group's access is gone when this answers; the assignment reads `deleting` until the queue work ends it.
    await deleteAccessAssignment(services, await assignmentChangeRequest(services, request));
    return graphNoContent();
  })
});
