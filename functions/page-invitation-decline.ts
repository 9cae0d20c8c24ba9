import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { withInvitationNotFoundPage } from "../shared/pages/handlers/invitation";
import { page } from "../shared/pages/page-endpoint";
import { redirect } from "../shared/pages/page-response";
import { invitationPath } from "../shared/pages/views/invitation";
import { declineInvitation } from "../shared/use-cases/customer-invitations";

// Decline: the same use case as POST /api/invitations/{token}/decline; the declined invitation shows in the list.
app.http("pageInvitationDecline", {
  route: "invitations/{token}/decline",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const token = context.request.params.token ?? "";
    const { session } = await context.readForm(invitationPath(token));
    return withInvitationNotFoundPage(context, async () => {
      const { document } = await declineInvitation(getServices(), { token, caller: session.principal });
      return redirect(`/partner-relationships?declined=${encodeURIComponent(document.id)}`);
    });
  })
});
