import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { operationListSpec, operationsEntitySet, toGraphOperation } from "../shared/graph/graph-assignments";
import { collectionBody, graphSkipTokens, pageInMemory } from "../shared/graph/graph-collection";
import { graphEndpoint, graphJson } from "../shared/graph/graph-endpoint";
import { graphBase } from "../shared/graph/graph-partner-calls";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { listGraphOperations } from "../shared/use-cases/graph-assignment-reads";

app.http("graphListRelationshipOperations", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/operations",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const query = readGraphListQuery(request, operationListSpec);
    const paging = graphSkipTokens(getServices().linkTokenSecret, `operations:${id}`, caller.partner.tenantId, query);
    const all = await listGraphOperations(getServices(), caller.partner.tenantId, id, query);
    const page = pageInMemory(all.map(toGraphOperation), query.top, paging.continuationOf(query.skipToken));
    return graphJson(collectionBody(graphBase(), operationsEntitySet, request, paging, query, { ...page, count: all.length }));
  })
});
