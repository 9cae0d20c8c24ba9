import { app } from "@azure/functions";
import { operationId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { operationResponse } from "../shared/graph/graph-assignment-calls";
import { graphEndpoint } from "../shared/graph/graph-endpoint";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getOperation } from "../shared/use-cases/relationship-operations";

app.http("graphGetRelationshipOperation", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/operations/{operationId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    return operationResponse(await getOperation(getServices(), caller.partner.tenantId, id, readRouteParam(request, "operationId", operationId)));
  })
});
