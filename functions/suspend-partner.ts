import { app } from "@azure/functions";
import { applicantTenantId, reasonBody } from "../shared/api/onboarding-schemas";
import { operatorCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { suspendPartner, toOperatorPartner } from "../shared/use-cases/partner-standing";
import { endpoint } from "../shared/wiring";

app.http("suspendPartner", {
  route: "api/operator/partners/{tenantId}/suspend",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const operator = await operatorCaller(services, request);
    const tenantId = readRouteParam(request, "tenantId", applicantTenantId);
    const { reason } = await readJsonBody(request, reasonBody);
    return json(toOperatorPartner(await suspendPartner(services, tenantId, operator, reason)));
  })
});
