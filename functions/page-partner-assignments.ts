import { app } from "@azure/functions";
import { page } from "../shared/pages/page-endpoint";
import { partnerAssignmentsPage } from "../shared/pages/partner/assignment-pages";

// For partners: assign a security group (POST), change its roles (GET, POST /{assignmentId}), remove it (GET, POST …/remove).
app.http("pagePartnerAssignments", {
  route: "partner/relationships/{id}/assignments/{assignmentId?}/{action?}",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(partnerAssignmentsPage)
});
