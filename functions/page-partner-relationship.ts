import { app } from "@azure/functions";
import { partnerRelationshipPage } from "../shared/pages/partner/relationship-page";
import { page } from "../shared/wiring";

// For partners: one relationship with its security groups (access assignments), operations and history.
app.http("pagePartnerRelationship", {
  route: "partner/relationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(partnerRelationshipPage)
});
