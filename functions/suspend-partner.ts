import { app } from "@azure/functions";
import { applicantTenantId, reasonBody } from "../shared/api/onboarding-schemas";
import { getServices } from "../shared/composition-root";
import { operatorCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { suspendPartner, toOperatorPartner } from "../shared/use-cases/partner-standing";

app.http("suspendPartner", {
  route: "api/operator/partners/{tenantId}/suspend",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const operator = await operatorCaller(request);
    const tenantId = readRouteParam(request, "tenantId", applicantTenantId);
    const { reason } = await readJsonBody(request, reasonBody);
    return json(toOperatorPartner(await suspendPartner(getServices(), tenantId, operator, reason)));
  })
});
