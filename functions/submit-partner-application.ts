import { app } from "@azure/functions";
import { applicationBody } from "../shared/api/onboarding-schemas";
import { applicantCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { submitApplication, toApplicationResource } from "../shared/use-cases/partner-application";
import { endpoint } from "../shared/wiring";

app.http("submitPartnerApplication", {
  route: "api/partner-application",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const applicant = await applicantCaller(services, request);
    const body = await readJsonBody(request, applicationBody);
    const saved = await submitApplication(services, { applicant, body, ifMatch: ifMatchOf(request) });
    return json(toApplicationResource(saved.document), {
      status: 202,
      etag: toHttpEtag(saved.etag),
      location: "/api/partner-application"
    });
  })
});
