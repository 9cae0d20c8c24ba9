import { app } from "@azure/functions";
import { listPartnerTypes } from "../shared/use-cases/catalogue";
import { endpoint } from "../shared/wiring";

// Static reference data, the same for everyone: caches may keep it for an hour.
app.http("listPartnerTypes", {
  route: "api/partner-types",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async () => ({
    status: 200,
    headers: { "cache-control": "public, max-age=3600" },
    jsonBody: { value: listPartnerTypes() }
  }))
});
