import { app } from "@azure/functions";
import { homePage } from "../shared/pages/home-page";
import { page } from "../shared/wiring";

// The site root. With routePrefix "" an optional parameter is how a function takes "/" (an empty route is refused
// on Azure); any other single-segment path nothing else answers is a "not found" page.
app.http("pageHome", {
  route: "{page?}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(homePage)
});
