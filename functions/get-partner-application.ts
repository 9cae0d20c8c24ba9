import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { applicantCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { getOwnApplication, toApplicationResource } from "../shared/use-cases/partner-application";

app.http("getPartnerApplication", {
  route: "api/partner-application",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const applicant = await applicantCaller(request);
    const { application, partner } = await getOwnApplication(getServices(), applicant.tenantId);
    return json(toApplicationResource(application.document, partner), { etag: toHttpEtag(application.etag) });
  })
});
