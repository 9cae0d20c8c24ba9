import { app } from "@azure/functions";
import { accessAssignmentId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { assignmentResponse } from "../shared/graph/graph-assignment-calls";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getAccessAssignment } from "../shared/use-cases/access-assignments";
import { graphEndpoint } from "../shared/wiring";

app.http("graphGetAccessAssignment", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    return assignmentResponse(
      services,
      await getAccessAssignment(
        services,
        caller.partner.tenantId,
        id,
        readRouteParam(request, "assignmentId", accessAssignmentId)
      )
    );
  })
});
