import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { customersEntitySet, toGraphCustomer } from "../shared/graph/graph-customers";
import { graphEndpoint, graphJson } from "../shared/graph/graph-endpoint";
import { entityBody } from "../shared/graph/graph-resource";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getGraphCustomer } from "../shared/use-cases/partner-graph-reads";

app.http("graphGetCustomer", {
  route: "v1.0/tenantRelationships/delegatedAdminCustomers/{tenantId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const record = await getGraphCustomer(getServices(), caller.partner.tenantId, readRouteParam(request, "tenantId", tenantGuid));
    const resource = toGraphCustomer(record);
    return graphJson(entityBody(getServices().publicBaseUrl, customersEntitySet, resource), { etag: resource["@odata.etag"] as string });
  })
});
