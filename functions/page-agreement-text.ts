import { app } from "@azure/functions";
import { currentAgreement } from "../shared/domain/agreement";
import { page } from "../shared/pages/page-endpoint";
import { agreementTextView } from "../shared/pages/views/agreement";

// The text of the current customer agreement, for anyone (the invitation page links here).
app.http("pageAgreementText", {
  route: "customer-agreement/text",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(async (context) => context.render({ title: currentAgreement.title, body: agreementTextView(currentAgreement) }))
});
