import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { field } from "../shared/pages/forms";
import { showInvitation, withInvitationNotFoundPage } from "../shared/pages/handlers/invitation";
import { page } from "../shared/pages/page-endpoint";
import { redirect } from "../shared/pages/page-response";
import { invitationPath } from "../shared/pages/views/invitation";
import { acceptInvitation } from "../shared/use-cases/customer-invitations";

// Accept & Authorize: the same use case as POST /api/invitations/{token}/accept, then the list of partners.
app.http("pageInvitationAccept", {
  route: "invitations/{token}/accept",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const token = context.request.params.token ?? "";
    const { session, form } = await context.readForm(invitationPath(token));
    return withInvitationNotFoundPage(context, async () => {
      if (form.get("acknowledged") !== "yes") {
        return showInvitation(context, session, token, "Tick the box to confirm that you have read the customer agreement, then select Accept & Authorize.");
      }
      const { document } = await acceptInvitation(getServices(), {
        token,
        caller: session.principal,
        agreementVersion: field(form, "agreementVersion") ?? "",
        ifMatch: field(form, "etag")
      });
      return redirect(`/partner-relationships?accepted=${encodeURIComponent(document.id)}`);
    });
  })
});
