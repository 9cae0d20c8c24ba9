import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { customersEntitySet, toGraphCustomer } from "../shared/graph/graph-customers";
import { graphJson } from "../shared/graph/graph-endpoint";
import { entityBody } from "../shared/graph/graph-resource";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getGraphCustomer } from "../shared/use-cases/partner-graph-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphGetCustomer", {
  route: "v1.0/tenantRelationships/delegatedAdminCustomers/{tenantId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const record = await getGraphCustomer(
      services,
      caller.partner.tenantId,
      readRouteParam(request, "tenantId", tenantGuid)
    );
    const resource = toGraphCustomer(record);
    return graphJson(entityBody(services.publicBaseUrl, customersEntitySet, resource), {
      etag: resource["@odata.etag"] as string
    });
  })
});
