import { app } from "@azure/functions";
import { partnerProfileBody } from "../shared/api/partner-profile-schemas";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { savePartnerProfile } from "../shared/use-cases/partner-profile";
import { endpoint } from "../shared/wiring";

app.http("putPartnerProfile", {
  route: "api/partner-profile",
  methods: ["PUT"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const body = await readJsonBody(request, partnerProfileBody);
    return json(await savePartnerProfile(services, caller.partner, body));
  })
});
