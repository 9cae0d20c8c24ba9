import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { serviceManagementDetailsEntitySet } from "../shared/graph/graph-customers";
import { graphEndpoint, graphJson } from "../shared/graph/graph-endpoint";
import { collectionContext } from "../shared/graph/graph-resource";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getGraphCustomer } from "../shared/use-cases/partner-graph-reads";

app.http("graphListServiceManagementDetails", {
  route: "v1.0/tenantRelationships/delegatedAdminCustomers/{tenantId}/serviceManagementDetails",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    await getGraphCustomer(getServices(), caller.partner.tenantId, readRouteParam(request, "tenantId", tenantGuid));
    return graphJson({ "@odata.context": collectionContext(getServices().publicBaseUrl, serviceManagementDetailsEntitySet), value: [] });
  })
});
