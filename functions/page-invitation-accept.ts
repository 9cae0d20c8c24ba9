import { app } from "@azure/functions";
import { acceptInvitationPage } from "../shared/pages/customer/invitation-pages";
import { page } from "../shared/wiring";

// Accept & Authorize: the same use case as POST /api/invitations/{token}/accept, then the list of partners.
app.http("pageInvitationAccept", {
  route: "invitations/{token}/accept",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: page(acceptInvitationPage)
});
