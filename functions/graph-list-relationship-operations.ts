import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { operationListSpec, operationsEntitySet, toGraphOperation } from "../shared/graph/graph-assignments";
import { collectionBody, graphSkipTokens, pageInMemory } from "../shared/graph/graph-collection";
import { graphJson } from "../shared/graph/graph-endpoint";
import { graphBase } from "../shared/graph/graph-partner-calls";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { listGraphOperations } from "../shared/use-cases/graph-assignment-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphListRelationshipOperations", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/operations",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const query = readGraphListQuery(request, operationListSpec);
    const paging = graphSkipTokens(services.linkTokenSecret, `operations:${id}`, caller.partner.tenantId, query);
    const all = await listGraphOperations(services, caller.partner.tenantId, id, query);
    const page = pageInMemory(all.map(toGraphOperation), query.top, paging.continuationOf(query.skipToken));
    return graphJson(
      collectionBody(graphBase(services), operationsEntitySet, request, paging, query, { ...page, count: all.length })
    );
  })
});
