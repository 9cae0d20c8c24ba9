import { app } from "@azure/functions";
import { removeRolesPage } from "../shared/pages/customer/relationship-pages";
import { page } from "../shared/wiring";

// "Remove roles?" through the same use case as POST /api/customer/relationships/{id}/remove-roles.
app.http("pageRemoveRoles", {
  route: "partner-relationships/{id}/remove-roles",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(removeRolesPage)
});
