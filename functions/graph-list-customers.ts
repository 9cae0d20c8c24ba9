import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { collectionBody, graphSkipTokens } from "../shared/graph/graph-collection";
import { customerListSpec, customersEntitySet, toGraphCustomer } from "../shared/graph/graph-customers";
import { graphEndpoint, graphJson } from "../shared/graph/graph-endpoint";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { listGraphCustomers } from "../shared/use-cases/partner-graph-reads";

app.http("graphListCustomers", {
  route: "v1.0/tenantRelationships/delegatedAdminCustomers",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const query = readGraphListQuery(request, customerListSpec);
    const paging = graphSkipTokens(getServices().linkTokenSecret, "customers", caller.partner.tenantId, query);
    const page = await listGraphCustomers(getServices(), caller.partner.tenantId, query, paging.continuationOf(query.skipToken));
    return graphJson(collectionBody(getServices().publicBaseUrl, customersEntitySet, request, paging, query, { ...page, items: page.items.map(toGraphCustomer) }));
  })
});
