import { app } from "@azure/functions";
import { confirmedRelationshipAction } from "../shared/pages/confirmed-action";
import { removeRolesText } from "../shared/pages/views/relationship";
import { removeRoles } from "../shared/use-cases/customer-relationships";

// "Remove roles?" through the same use case as POST /api/customer/relationships/{id}/remove-roles.
app.http("pageRemoveRoles", {
  route: "partner-relationships/{id}/remove-roles",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: confirmedRelationshipAction({ path: "remove-roles", title: "Remove roles?", yes: "Yes", explain: removeRolesText, act: removeRoles, doneFlag: "removed" })
});
