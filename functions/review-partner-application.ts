import { app } from "@azure/functions";
import { applicantTenantId } from "../shared/api/onboarding-schemas";
import { getServices } from "../shared/composition-root";
import { operatorCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { getApplication, toOperatorApplication } from "../shared/use-cases/operator-review";

app.http("reviewPartnerApplication", {
  route: "api/operator/partner-applications/{tenantId}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    await operatorCaller(request);
    const found = await getApplication(getServices(), readRouteParam(request, "tenantId", applicantTenantId));
    return json(toOperatorApplication(found.document), { etag: toHttpEtag(found.etag) });
  })
});
