import { app } from "@azure/functions";
import { operationId } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { toOperationResource } from "../shared/assignments/assignment-resource";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { getOperation } from "../shared/use-cases/relationship-operations";

app.http("getRelationshipOperation", {
  route: "api/relationships/{id}/operations/{operationId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const operation = await getOperation(getServices(), caller.partner.tenantId, id, readRouteParam(request, "operationId", operationId));
    return json(toOperationResource(operation));
  })
});
