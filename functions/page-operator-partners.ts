import { app } from "@azure/functions";
import { operatorPartnersPage } from "../shared/pages/onboarding/operator-page";
import { page } from "../shared/wiring";

// For operators: partner applications and partners (GET), and approve, reject, suspend, reinstate (POST /{tenantId}/{action}).
app.http("pageOperatorPartners", {
  route: "operator/partners/{tenantId?}/{action?}",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(operatorPartnersPage)
});
