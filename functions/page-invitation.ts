import { app } from "@azure/functions";
import { invitationPage } from "../shared/pages/customer/invitation-pages";
import { page } from "../shared/wiring";

// The link in the invitation email: "Accept agreement & authorize partner".
app.http("pageInvitation", {
  route: "invitations/{token}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(invitationPage)
});
