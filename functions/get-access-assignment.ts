import { app } from "@azure/functions";
import { accessAssignmentId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { assignmentEtag } from "../shared/assignments/assignment-records";
import { toAccessAssignmentResource } from "../shared/assignments/assignment-resource";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { getAccessAssignment } from "../shared/use-cases/access-assignments";

app.http("getAccessAssignment", {
  route: "api/relationships/{id}/accessAssignments/{assignmentId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const assignment = await getAccessAssignment(getServices(), caller.partner.tenantId, id, readRouteParam(request, "assignmentId", accessAssignmentId));
    return json(toAccessAssignmentResource(assignment), { etag: toHttpEtag(assignmentEtag(assignment)) });
  })
});
