import { app } from "@azure/functions";
import { partnerProfileBody } from "../shared/api/partner-profile-schemas";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { savePartnerProfile } from "../shared/use-cases/partner-profile";

app.http("putPartnerProfile", {
  route: "api/partner-profile",
  methods: ["PUT"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const body = await readJsonBody(request, partnerProfileBody);
    return json(await savePartnerProfile(getServices(), caller.partner, body));
  })
});
