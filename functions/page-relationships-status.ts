import { app } from "@azure/functions";
import { relationshipsStatus } from "../shared/pages/customer/relationship-pages";
import { pageData } from "../shared/wiring";

// What the list page's script polls every 2 s; authorised exactly like the page.
app.http("pageRelationshipsStatus", {
  route: "partner-relationships/status",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: pageData(relationshipsStatus)
});
