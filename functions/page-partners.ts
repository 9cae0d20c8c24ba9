import { app } from "@azure/functions";
import { partnersPage } from "../shared/pages/directory/partners-page";
import { page } from "../shared/wiring";

// "Find a partner": public like GET /api/partners, through the same use case.
app.http("pagePartners", {
  route: "partners",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(partnersPage)
});
