import { app } from "@azure/functions";
import { applicantTenantId, optionalReasonBody } from "../shared/api/onboarding-schemas";
import { operatorCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { reinstatePartner, toOperatorPartner } from "../shared/use-cases/partner-standing";
import { endpoint } from "../shared/wiring";

app.http("reinstatePartner", {
  route: "api/operator/partners/{tenantId}/reinstate",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const operator = await operatorCaller(services, request);
    const tenantId = readRouteParam(request, "tenantId", applicantTenantId);
    const { reason } = await readJsonBody(request, optionalReasonBody);
    return json(toOperatorPartner(await reinstatePartner(services, tenantId, operator, reason)));
  })
});
