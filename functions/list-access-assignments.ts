import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { toAccessAssignmentResource } from "../shared/assignments/assignment-resource";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { listAccessAssignments } from "../shared/use-cases/access-assignments";
import { endpoint } from "../shared/wiring";

app.http("listAccessAssignments", {
  route: "api/relationships/{id}/accessAssignments",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const { assignments } = await listAccessAssignments(services, caller.partner.tenantId, id);
    return json({ value: assignments.map(toAccessAssignmentResource) });
  })
});
