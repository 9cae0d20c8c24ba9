import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { serviceManagementDetailsEntitySet } from "../shared/graph/graph-customers";
import { graphJson } from "../shared/graph/graph-endpoint";
import { collectionContext } from "../shared/graph/graph-resource";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getGraphCustomer } from "../shared/use-cases/partner-graph-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphListServiceManagementDetails", {
  route: "v1.0/tenantRelationships/delegatedAdminCustomers/{tenantId}/serviceManagementDetails",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    await getGraphCustomer(services, caller.partner.tenantId, readRouteParam(request, "tenantId", tenantGuid));
    return graphJson({
      "@odata.context": collectionContext(services.publicBaseUrl, serviceManagementDetailsEntitySet),
      value: []
    });
  })
});
