import { app } from "@azure/functions";
import { page } from "../shared/pages/page-endpoint";
import { partnerRelationshipPage } from "../shared/pages/partner/relationship-page";

// For partners: one relationship with its security groups (access assignments), operations and history.
app.http("pagePartnerRelationship", {
  route: "partner/relationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(partnerRelationshipPage)
});
