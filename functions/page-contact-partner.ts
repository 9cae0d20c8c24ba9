import { app } from "@azure/functions";
import { contactPartnerPage } from "../shared/pages/directory/contact-partner-page";
import { page } from "../shared/wiring";

// "Contact me": the customer's details go to the partner through the same use case as POST /api/partners/{id}/contact.
app.http("pageContactPartner", {
  route: "partners/{id}/contact",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(contactPartnerPage)
});
