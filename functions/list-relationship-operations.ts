import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { toOperationResource } from "../shared/assignments/assignment-resource";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { listOperations } from "../shared/use-cases/relationship-operations";

app.http("listRelationshipOperations", {
  route: "api/relationships/{id}/operations",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const operations = await listOperations(getServices(), caller.partner.tenantId, readRouteParam(request, "id", relationshipId));
    return json({ value: operations.map(toOperationResource) });
  })
});
