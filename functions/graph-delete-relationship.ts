import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { graphEndpoint, graphNoContent } from "../shared/graph/graph-endpoint";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { deleteRelationship } from "../shared/use-cases/partner-relationships";

app.http("graphDeleteRelationship", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    await deleteRelationship(getServices(), await partnerChangeRequest(request, "required"), "graph");
    return graphNoContent();
  })
});
