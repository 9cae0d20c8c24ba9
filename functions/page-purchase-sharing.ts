import { app } from "@azure/functions";
import { purchaseSharingPage } from "../shared/pages/purchases/customer-purchases-page";
import { page } from "../shared/wiring";

// Turning "Let my MPSA partners see each other's purchases" on or off: a confirmation page (GET) for browsers
// without the script, and the change (POST) through the same use case as PUT /api/customer/mpsa-purchase-sharing.
app.http("pagePurchaseSharing", {
  route: "purchases/sharing",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(purchaseSharingPage)
});
