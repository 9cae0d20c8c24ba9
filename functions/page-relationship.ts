import { app } from "@azure/functions";
import { relationshipPage } from "../shared/pages/customer/relationship-pages";
import { page } from "../shared/wiring";

// One partner relationship with its history: the same use case as GET /api/customer/relationships/{id}.
app.http("pageRelationship", {
  route: "partner-relationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(relationshipPage)
});
