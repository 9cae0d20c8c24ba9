import { app } from "@azure/functions";
import { showInvitation, withInvitationNotFoundPage } from "../shared/pages/handlers/invitation";
import { page } from "../shared/pages/page-endpoint";

// The link in the invitation email: "Accept agreement & authorize partner".
app.http("pageInvitation", {
  route: "invitations/{token}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const session = await context.requireSession();
    return withInvitationNotFoundPage(context, () => showInvitation(context, session, context.request.params.token ?? ""));
  })
});
