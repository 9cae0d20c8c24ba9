import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { collectionBody, graphSkipTokens } from "../shared/graph/graph-collection";
import { graphEndpoint, graphJson } from "../shared/graph/graph-endpoint";
import { relationshipListSpec, relationshipsEntitySet, toGraphRelationship } from "../shared/graph/graph-relationships";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { listGraphRelationships } from "../shared/use-cases/partner-graph-reads";

app.http("graphListRelationships", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const query = readGraphListQuery(request, relationshipListSpec);
    const paging = graphSkipTokens(getServices().linkTokenSecret, "relationships", caller.partner.tenantId, query);
    const page = await listGraphRelationships(getServices(), caller.partner.tenantId, query, paging.continuationOf(query.skipToken));
    const items = page.items.map((item) => toGraphRelationship(item.document));
    return graphJson(collectionBody(getServices().publicBaseUrl, relationshipsEntitySet, request, paging, query, { ...page, items }));
  })
});
