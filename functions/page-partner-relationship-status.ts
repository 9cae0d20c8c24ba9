import { app } from "@azure/functions";
import { pageData } from "../shared/pages/page-endpoint";
import { partnerRelationshipStatus } from "../shared/pages/partner/relationship-page";

// What the partner's relationship page polls every 2 s: its status, roles, and each group's and operation's status.
app.http("pagePartnerRelationshipStatus", {
  route: "partner/relationships/{id}/status",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: pageData(partnerRelationshipStatus)
});
