import { app } from "@azure/functions";
import { collectionBody, graphSkipTokens } from "../shared/graph/graph-collection";
import { customerListSpec, customersEntitySet, toGraphCustomer } from "../shared/graph/graph-customers";
import { graphJson } from "../shared/graph/graph-endpoint";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { listGraphCustomers } from "../shared/use-cases/partner-graph-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphListCustomers", {
  route: "v1.0/tenantRelationships/delegatedAdminCustomers",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const query = readGraphListQuery(request, customerListSpec);
    const paging = graphSkipTokens(services.linkTokenSecret, "customers", caller.partner.tenantId, query);
    const page = await listGraphCustomers(
      services,
      caller.partner.tenantId,
      query,
      paging.continuationOf(query.skipToken)
    );
    return graphJson(
      collectionBody(services.publicBaseUrl, customersEntitySet, request, paging, query, {
        ...page,
        items: page.items.map(toGraphCustomer)
      })
    );
  })
});
