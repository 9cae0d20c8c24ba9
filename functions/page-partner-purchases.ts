import { app } from "@azure/functions";
import { partnerPurchasesPage } from "../shared/pages/purchases/partner-purchases-page";
import { page } from "../shared/wiring";

// For MPSA partners: one customer's purchases (GET) and recording one (POST), through the same use cases as
// GET and POST /api/partner/customers/{customerTenantId}/purchases.
app.http("pagePartnerPurchases", {
  route: "partner/customers/{customerTenantId}/purchases",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(partnerPurchasesPage)
});
