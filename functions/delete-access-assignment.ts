import { app } from "@azure/functions";
import { assignmentChangeRequest } from "../shared/http/assignment-request";
import { noContent } from "../shared/http/endpoint";
import { deleteAccessAssignment } from "../shared/use-cases/access-assignments";
import { endpoint } from "../shared/wiring";

app.http("deleteAccessAssignment", {
  route: "api/relationships/{id}/accessAssignments/{assignmentId}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    // As Graph: 204. The group's access is gone when this answers; the assignment reads `deleting` until the queue work ends it.
    await deleteAccessAssignment(services, await assignmentChangeRequest(services, request));
    return noContent();
  })
});
