import { app } from "@azure/functions";
import { applicantTenantId, reasonBody } from "../shared/api/onboarding-schemas";
import { getServices } from "../shared/composition-root";
import { operatorCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { rejectApplication, toOperatorApplication } from "../shared/use-cases/operator-review";

app.http("rejectPartnerApplication", {
  route: "api/operator/partner-applications/{tenantId}/reject",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const operator = await operatorCaller(request);
    const tenantId = readRouteParam(request, "tenantId", applicantTenantId);
    const { reason } = await readJsonBody(request, reasonBody);
    const rejected = await rejectApplication(getServices(), { tenantId, operator, reason, ifMatch: ifMatchOf(request) });
    return json(toOperatorApplication(rejected.document), { etag: toHttpEtag(rejected.etag) });
  })
});
