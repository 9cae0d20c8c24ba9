import { app } from "@azure/functions";
import { relationshipsPage } from "../shared/pages/customer/relationship-pages";
import { page } from "../shared/wiring";

// Settings > Partner relationships: the same use case as GET /api/customer/relationships.
app.http("pageRelationships", {
  route: "partner-relationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(relationshipsPage)
});
