import { app } from "@azure/functions";
import { acceptShownInvitation, withInvitationNotFoundPage } from "../shared/pages/handlers/invitation";
import { page } from "../shared/pages/page-endpoint";
import { invitationPath } from "../shared/pages/views/invitation";

// Accept & Authorize: the same use case as POST /api/invitations/{token}/accept, then the list of partners.
app.http("pageInvitationAccept", {
  route: "invitations/{token}/accept",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const token = context.request.params.token ?? "";
    const { session, form } = await context.readForm(invitationPath(token));
    return withInvitationNotFoundPage(context, () => acceptShownInvitation(context, session, token, form));
  })
});
