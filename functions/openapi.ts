import { app } from "@azure/functions";
import { openApiDocument } from "../shared/api/openapi";
import { endpoint } from "../shared/wiring";

app.http("getOpenApiDocument", {
  route: "api/openapi.json",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async () => ({
    status: 200,
    headers: { "cache-control": "public, max-age=300" },
    jsonBody: openApiDocument()
  }))
});
