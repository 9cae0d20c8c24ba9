import { app } from "@azure/functions";
import { partnerAssignmentsPage } from "../shared/pages/partner/assignment-pages";
import { page } from "../shared/wiring";

// For partners: assign a security group (POST), change its roles (GET, POST /{assignmentId}), remove it (GET, POST …/remove).
app.http("pagePartnerAssignments", {
  route: "partner/relationships/{id}/assignments/{assignmentId?}/{action?}",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(partnerAssignmentsPage)
});
