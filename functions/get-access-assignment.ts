import { app } from "@azure/functions";
import { accessAssignmentId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { assignmentEtag } from "../shared/assignments/assignment-records";
import { toAccessAssignmentResource } from "../shared/assignments/assignment-resource";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { getAccessAssignment } from "../shared/use-cases/access-assignments";
import { endpoint } from "../shared/wiring";

app.http("getAccessAssignment", {
  route: "api/relationships/{id}/accessAssignments/{assignmentId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const assignment = await getAccessAssignment(
      services,
      caller.partner.tenantId,
      id,
      readRouteParam(request, "assignmentId", accessAssignmentId)
    );
    return json(toAccessAssignmentResource(assignment), { etag: toHttpEtag(assignmentEtag(assignment)) });
  })
});
