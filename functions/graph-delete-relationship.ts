import { app } from "@azure/functions";
import { graphNoContent } from "../shared/graph/graph-endpoint";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { deleteRelationship } from "../shared/use-cases/partner-relationships";
import { graphEndpoint } from "../shared/wiring";

app.http("graphDeleteRelationship", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    await deleteRelationship(services, await partnerChangeRequest(services, request, "required"), "graph");
    return graphNoContent();
  })
});
