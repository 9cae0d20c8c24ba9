import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { endpoint, noContent } from "../shared/http/endpoint";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { deleteRelationship } from "../shared/use-cases/partner-relationships";

app.http("cancelRelationship", {
  route: "api/relationships/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    await deleteRelationship(getServices(), await partnerChangeRequest(request, "required"), "api");
    return noContent();
  })
});
