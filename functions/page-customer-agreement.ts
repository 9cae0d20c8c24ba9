import { app } from "@azure/functions";
import { customerAgreementPage } from "../shared/pages/customer/agreement-pages";
import { page } from "../shared/wiring";

// "Accept the customer agreement": GET shows it (or when it was accepted), POST accepts it through the same use
// case as POST /api/customer/agreement/accept.
app.http("pageCustomerAgreement", {
  route: "customer-agreement",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(customerAgreementPage)
});
