import { app } from "@azure/functions";
import { agreementTextPage } from "../shared/pages/customer/agreement-pages";
import { page } from "../shared/wiring";

// The text of the current customer agreement, for anyone (the invitation page links here).
app.http("pageAgreementText", {
  route: "customer-agreement/text",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(agreementTextPage)
});
