import { app } from "@azure/functions";
import { noContent } from "../shared/http/endpoint";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { deleteRelationship } from "../shared/use-cases/partner-relationships";
import { endpoint } from "../shared/wiring";

app.http("cancelRelationship", {
  route: "api/relationships/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    await deleteRelationship(services, await partnerChangeRequest(services, request, "required"), "api");
    return noContent();
  })
});
