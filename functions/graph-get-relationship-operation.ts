import { app } from "@azure/functions";
import { operationId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { operationResponse } from "../shared/graph/graph-assignment-calls";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getOperation } from "../shared/use-cases/relationship-operations";
import { graphEndpoint } from "../shared/wiring";

app.http("graphGetRelationshipOperation", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/operations/{operationId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    return operationResponse(
      services,
      await getOperation(services, caller.partner.tenantId, id, readRouteParam(request, "operationId", operationId))
    );
  })
});
