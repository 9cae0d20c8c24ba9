import { app } from "@azure/functions";
import { partnerRelationshipStatus } from "../shared/pages/partner/relationship-page";
import { pageData } from "../shared/wiring";

// What the partner's relationship page polls every 2 s: its status, roles, and each group's and operation's status.
app.http("pagePartnerRelationshipStatus", {
  route: "partner/relationships/{id}/status",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: pageData(partnerRelationshipStatus)
});
