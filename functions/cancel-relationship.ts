import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { endpoint, noContent } from "../shared/http/endpoint";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { cancelInvitation } from "../shared/use-cases/partner-relationships";

app.http("cancelRelationship", {
  route: "api/relationships/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    await cancelInvitation(getServices(), await partnerChangeRequest(request, "required"));
    return noContent();
  })
});
