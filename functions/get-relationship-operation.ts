import { app } from "@azure/functions";
import { operationId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { toOperationResource } from "../shared/assignments/assignment-resource";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { getOperation } from "../shared/use-cases/relationship-operations";
import { endpoint } from "../shared/wiring";

app.http("getRelationshipOperation", {
  route: "api/relationships/{id}/operations/{operationId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const operation = await getOperation(
      services,
      caller.partner.tenantId,
      id,
      readRouteParam(request, "operationId", operationId)
    );
    return json(toOperationResource(operation));
  })
});
