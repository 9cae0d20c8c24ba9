import { app } from "@azure/functions";
import { listRoles } from "../shared/use-cases/catalogue";
import { endpoint } from "../shared/wiring";

// Static reference data, the same for everyone: caches may keep it for an hour.
app.http("listRoles", {
  route: "api/roles",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async () => ({
    status: 200,
    headers: { "cache-control": "public, max-age=3600" },
    jsonBody: { value: listRoles() }
  }))
});
