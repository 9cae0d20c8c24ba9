import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { assignmentChangeRequest } from "../shared/http/assignment-request";
import { endpoint, noContent } from "../shared/http/endpoint";
import { deleteAccessAssignment } from "../shared/use-cases/access-assignments";

app.http("deleteAccessAssignment", {
  route: "api/relationships/{id}/accessAssignments/{assignmentId}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    // As Graph: 204. The group's access is gone when this answers; the assignment reads `deleting` until the queue work ends it.
    await deleteAccessAssignment(getServices(), await assignmentChangeRequest(request));
    return noContent();
  })
});
