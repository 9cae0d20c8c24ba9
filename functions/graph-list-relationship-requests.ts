import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { collectionBody, graphSkipTokens, pageInMemory } from "../shared/graph/graph-collection";
import { graphJson } from "../shared/graph/graph-endpoint";
import { graphBase } from "../shared/graph/graph-partner-calls";
import { requestListSpec, requestsEntitySet, toGraphRequest } from "../shared/graph/graph-relationships";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { listGraphRequests } from "../shared/use-cases/partner-graph-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphListRelationshipRequests", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const query = readGraphListQuery(request, requestListSpec);
    const paging = graphSkipTokens(services.linkTokenSecret, `requests:${id}`, caller.partner.tenantId, query);
    const all = await listGraphRequests(services, caller.partner.tenantId, id, query);
    const page = pageInMemory(all.map(toGraphRequest), query.top, paging.continuationOf(query.skipToken));
    return graphJson(
      collectionBody(graphBase(services), requestsEntitySet, request, paging, query, { ...page, count: all.length })
    );
  })
});
