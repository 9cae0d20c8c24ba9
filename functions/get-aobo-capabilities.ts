import { app } from "@azure/functions";
import { aoboQuery } from "../shared/api/public-schemas";
import { authenticate } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readQuery } from "../shared/http/request-parts";
import { aoboCapabilitiesFor } from "../shared/use-cases/aobo-capabilities";

app.http("getAoboCapabilities", {
  route: "api/aobo/capabilities",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const principal = await authenticate(request);
    const query = readQuery(request, aoboQuery);
    return json(aoboCapabilitiesFor(principal, query.customerTenantId));
  })
});
