import { app } from "@azure/functions";
import { collectionBody, graphSkipTokens } from "../shared/graph/graph-collection";
import { graphJson } from "../shared/graph/graph-endpoint";
import { relationshipListSpec, relationshipsEntitySet, toGraphRelationship } from "../shared/graph/graph-relationships";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { listGraphRelationships } from "../shared/use-cases/partner-graph-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphListRelationships", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const query = readGraphListQuery(request, relationshipListSpec);
    const paging = graphSkipTokens(services.linkTokenSecret, "relationships", caller.partner.tenantId, query);
    const page = await listGraphRelationships(
      services,
      caller.partner.tenantId,
      query,
      paging.continuationOf(query.skipToken)
    );
    const items = page.items.map((item) => toGraphRelationship(item.document));
    return graphJson(
      collectionBody(services.publicBaseUrl, relationshipsEntitySet, request, paging, query, { ...page, items })
    );
  })
});
