import { app } from "@azure/functions";
import { accessAssignmentId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { assignmentResponse } from "../shared/graph/graph-assignment-calls";
import { graphEndpoint } from "../shared/graph/graph-endpoint";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getAccessAssignment } from "../shared/use-cases/access-assignments";

app.http("graphGetAccessAssignment", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    return assignmentResponse(await getAccessAssignment(getServices(), caller.partner.tenantId, id, readRouteParam(request, "assignmentId", accessAssignmentId)));
  })
});
