import { app } from "@azure/functions";
import { declineInvitationPage } from "../shared/pages/customer/invitation-pages";
import { page } from "../shared/wiring";

// Decline: the same use case as POST /api/invitations/{token}/decline; the declined invitation shows in the list.
app.http("pageInvitationDecline", {
  route: "invitations/{token}/decline",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: page(declineInvitationPage)
});
