import { app } from "@azure/functions";
import { partnerBatchesPage } from "../shared/pages/partner/batches-page";
import { page } from "../shared/wiring";

// For partners: bulk invitations — the upload form and the batches (GET, POST), one batch and its live status (GET /{id}).
app.http("pagePartnerInvitationBatches", {
  route: "partner/invitation-batches/{id?}/{action?}",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(partnerBatchesPage)
});
