import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { recordPurchaseBody } from "../shared/api/purchase-schemas";
import { idempotencyKey } from "../shared/api/relationship-schemas";
import { normalizeGuid } from "../shared/domain/guid";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { readHeader, readRouteParam } from "../shared/http/request-parts";
import { toPartnerPurchaseResource } from "../shared/purchases/purchase-resource";
import { recordPurchase } from "../shared/use-cases/mpsa-purchases";
import { endpoint } from "../shared/wiring";

app.http("recordPurchase", {
  route: "api/partner/customers/{customerTenantId}/purchases",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const customerTenantId = normalizeGuid(readRouteParam(request, "customerTenantId", tenantGuid));
    const key = readHeader(request, "idempotency-key", idempotencyKey);
    const body = await readJsonBody(request, recordPurchaseBody);
    const result = await recordPurchase(services, {
      partner: caller.partner,
      principal: caller.principal,
      customerTenantId,
      request: body,
      idempotencyKey: key
    });
    return json(toPartnerPurchaseResource(result.purchase, caller.partner.tenantId), {
      status: result.created ? 201 : 200
    });
  })
});
