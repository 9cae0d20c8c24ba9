import { app } from "@azure/functions";
import { partnerTemplatesPage } from "../shared/pages/partner/templates-page";
import { page } from "../shared/wiring";

// For partners: relationship templates — the list and the new-template form (GET, POST), one template (GET, POST /{id}), delete (POST /{id}/delete).
app.http("pagePartnerTemplates", {
  route: "partner/templates/{id?}/{action?}",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(partnerTemplatesPage)
});
