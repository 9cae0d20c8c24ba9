import { app } from "@azure/functions";
import { applicantTenantId } from "../shared/api/onboarding-schemas";
import { operatorCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { approveApplication, toOperatorApplication } from "../shared/use-cases/operator-review";
import { endpoint } from "../shared/wiring";

app.http("approvePartnerApplication", {
  route: "api/operator/partner-applications/{tenantId}/approve",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const operator = await operatorCaller(services, request);
    const tenantId = readRouteParam(request, "tenantId", applicantTenantId);
    const approved = await approveApplication(services, { tenantId, operator, ifMatch: ifMatchOf(request) });
    return json(toOperatorApplication(approved.document), { etag: toHttpEtag(approved.etag) });
  })
});
