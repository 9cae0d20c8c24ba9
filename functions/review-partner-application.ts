import { app } from "@azure/functions";
import { applicantTenantId } from "../shared/api/onboarding-schemas";
import { operatorCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { getApplication, toOperatorApplication } from "../shared/use-cases/operator-review";
import { endpoint } from "../shared/wiring";

app.http("reviewPartnerApplication", {
  route: "api/operator/partner-applications/{tenantId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    await operatorCaller(services, request);
    const found = await getApplication(services, readRouteParam(request, "tenantId", applicantTenantId));
    return json(toOperatorApplication(found.document), { etag: toHttpEtag(found.etag) });
  })
});
