import { app } from "@azure/functions";
import { relationshipId, requestId } from "../shared/api/id-schemas";
import { requestResponse } from "../shared/graph/graph-partner-calls";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getGraphRequest } from "../shared/use-cases/partner-graph-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphGetRelationshipRequest", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests/{requestId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const record = await getGraphRequest(
      services,
      caller.partner.tenantId,
      id,
      readRouteParam(request, "requestId", requestId)
    );
    return requestResponse(services, id, record);
  })
});
