import { app } from "@azure/functions";
import { confirmedRelationshipAction } from "../shared/pages/confirmed-action";
import { terminateText } from "../shared/pages/views/relationship";
import { terminateForCustomer } from "../shared/use-cases/customer-relationships";

// "Terminate this relationship?" through the same use case as POST /api/customer/relationships/{id}/terminate.
app.http("pageTerminate", {
  route: "partner-relationships/{id}/terminate",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: confirmedRelationshipAction({
    path: "terminate",
    title: "Terminate this relationship?",
    yes: "Yes, terminate",
    explain: terminateText,
    act: terminateForCustomer,
    doneFlag: "terminated"
  })
});
