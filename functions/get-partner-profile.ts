import { app } from "@azure/functions";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { partnerProfileOf } from "../shared/use-cases/partner-profile";
import { endpoint } from "../shared/wiring";

app.http("getPartnerProfile", {
  route: "api/partner-profile",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    return json(partnerProfileOf(caller.partner));
  })
});
