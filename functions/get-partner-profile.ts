import { app } from "@azure/functions";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { partnerProfileOf } from "../shared/use-cases/partner-profile";

app.http("getPartnerProfile", {
  route: "api/partner-profile",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    return json(partnerProfileOf(caller.partner));
  })
});
