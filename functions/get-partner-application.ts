import { app } from "@azure/functions";
import { applicantCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { getOwnApplication, toApplicationResource } from "../shared/use-cases/partner-application";
import { endpoint } from "../shared/wiring";

app.http("getPartnerApplication", {
  route: "api/partner-application",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const applicant = await applicantCaller(services, request);
    const { application, partner } = await getOwnApplication(services, applicant.tenantId);
    return json(toApplicationResource(application.document, partner), { etag: toHttpEtag(application.etag) });
  })
});
