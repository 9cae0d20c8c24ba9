import { app } from "@azure/functions";
import { customerPurchasesPage } from "../shared/pages/purchases/customer-purchases-page";
import { page } from "../shared/wiring";

// The customer's MPSA purchases and its sharing switch: the same use cases as GET /api/customer/purchases and
// GET /api/customer/mpsa-purchase-sharing.
app.http("pagePurchases", {
  route: "purchases",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(customerPurchasesPage)
});
