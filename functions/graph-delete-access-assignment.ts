import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { graphEndpoint, graphNoContent } from "../shared/graph/graph-endpoint";
import { assignmentChangeRequest } from "../shared/http/assignment-request";
import { deleteAccessAssignment } from "../shared/use-cases/access-assignments";

app.http("graphDeleteAccessAssignment", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    // As Graph: 204. The group's access is gone when this answers; the assignment reads `deleting` until the queue work ends it.
    await deleteAccessAssignment(getServices(), await assignmentChangeRequest(request));
    return graphNoContent();
  })
});
