import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { partnerPurchasesQuery } from "../shared/api/purchase-schemas";
import { normalizeGuid } from "../shared/domain/guid";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { partnerPurchaseTokens } from "../shared/http/purchase-paging";
import { readQuery, readRouteParam } from "../shared/http/request-parts";
import { toPartnerPurchasePage } from "../shared/purchases/purchase-resource";
import { listPartnerPurchases } from "../shared/use-cases/mpsa-purchases";
import { endpoint } from "../shared/wiring";

app.http("listPartnerPurchases", {
  route: "api/partner/customers/{customerTenantId}/purchases",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const { partner } = await partnerCaller(services, request, "read");
    const customerTenantId = normalizeGuid(readRouteParam(request, "customerTenantId", tenantGuid));
    const query = readQuery(request, partnerPurchasesQuery);
    const tokens = (view: "own" | "all") =>
      partnerPurchaseTokens(services.linkTokenSecret, partner.tenantId, customerTenantId, view);
    const listing = await listPartnerPurchases(services, {
      partnerTenantId: partner.tenantId,
      customerTenantId,
      top: query.$top,
      continuationFor: (view) => tokens(view).continuationOf(query.$skiptoken)
    });
    return json(
      toPartnerPurchasePage(
        listing,
        partner.tenantId,
        customerTenantId,
        tokens(listing.view).nextLink(request, listing.continuation)
      )
    );
  })
});
