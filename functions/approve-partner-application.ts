import { app } from "@azure/functions";
import { applicantTenantId } from "../shared/api/onboarding-schemas";
import { getServices } from "../shared/composition-root";
import { operatorCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { approveApplication, toOperatorApplication } from "../shared/use-cases/operator-review";

app.http("approvePartnerApplication", {
  route: "api/operator/partner-applications/{tenantId}/approve",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const operator = await operatorCaller(request);
    const tenantId = readRouteParam(request, "tenantId", applicantTenantId);
    const approved = await approveApplication(getServices(), { tenantId, operator, ifMatch: ifMatchOf(request) });
    return json(toOperatorApplication(approved.document), { etag: toHttpEtag(approved.etag) });
  })
});
