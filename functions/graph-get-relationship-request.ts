import { app } from "@azure/functions";
import { relationshipId, requestId } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { graphEndpoint } from "../shared/graph/graph-endpoint";
import { requestResponse } from "../shared/graph/graph-partner-calls";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getGraphRequest } from "../shared/use-cases/partner-graph-reads";

app.http("graphGetRelationshipRequest", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests/{requestId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const record = await getGraphRequest(getServices(), caller.partner.tenantId, id, readRouteParam(request, "requestId", requestId));
    return requestResponse(id, record);
  })
});
