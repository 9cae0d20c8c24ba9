import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { toAccessAssignmentResource } from "../shared/assignments/assignment-resource";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { listAccessAssignments } from "../shared/use-cases/access-assignments";

app.http("listAccessAssignments", {
  route: "api/relationships/{id}/accessAssignments",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const { assignments } = await listAccessAssignments(getServices(), caller.partner.tenantId, id);
    return json({ value: assignments.map(toAccessAssignmentResource) });
  })
});
