import { app } from "@azure/functions";
import { terminatePage } from "../shared/pages/customer/relationship-pages";
import { page } from "../shared/wiring";

// "Terminate this relationship?" through the same use case as POST /api/customer/relationships/{id}/terminate.
app.http("pageTerminate", {
  route: "partner-relationships/{id}/terminate",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(terminatePage)
});
