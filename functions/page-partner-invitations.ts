import { app } from "@azure/functions";
import { partnerInvitationsPage } from "../shared/pages/partner/partner-invitations-page";
import { page } from "../shared/wiring";

// For partners: the invitations list and form (GET, POST), row actions (POST /{id}/{action}) and the page's stylesheet.
app.http("pagePartnerInvitations", {
  route: "partner/invitations/{id?}/{action?}",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(partnerInvitationsPage)
});
