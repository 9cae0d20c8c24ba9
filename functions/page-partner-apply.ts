import { app } from "@azure/functions";
import { partnerApplyPage } from "../shared/pages/onboarding/apply-page";
import { page } from "../shared/wiring";

// "Become a partner": a tenant admin's application (GET shows it and the form, POST submits it).
app.http("pagePartnerApply", {
  route: "partner/apply",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(partnerApplyPage)
});
