import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { toOperationResource } from "../shared/assignments/assignment-resource";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { listOperations } from "../shared/use-cases/relationship-operations";
import { endpoint } from "../shared/wiring";

app.http("listRelationshipOperations", {
  route: "api/relationships/{id}/operations",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const operations = await listOperations(
      services,
      caller.partner.tenantId,
      readRouteParam(request, "id", relationshipId)
    );
    return json({ value: operations.map(toOperationResource) });
  })
});
