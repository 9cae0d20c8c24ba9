import { app } from "@azure/functions";
import { applicantTenantId, reasonBody } from "../shared/api/onboarding-schemas";
import { operatorCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { rejectApplication, toOperatorApplication } from "../shared/use-cases/operator-review";
import { endpoint } from "../shared/wiring";

app.http("rejectPartnerApplication", {
  route: "api/operator/partner-applications/{tenantId}/reject",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const operator = await operatorCaller(services, request);
    const tenantId = readRouteParam(request, "tenantId", applicantTenantId);
    const { reason } = await readJsonBody(request, reasonBody);
    const rejected = await rejectApplication(services, { tenantId, operator, reason, ifMatch: ifMatchOf(request) });
    return json(toOperatorApplication(rejected.document), { etag: toHttpEtag(rejected.etag) });
  })
});
