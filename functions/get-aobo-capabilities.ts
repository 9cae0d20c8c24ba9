import { app } from "@azure/functions";
import { aoboQuery } from "../shared/api/public-schemas";
import { authenticate } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readQuery } from "../shared/http/request-parts";
import { aoboCapabilitiesFor } from "../shared/use-cases/aobo-capabilities";
import { endpoint } from "../shared/wiring";

app.http("getAoboCapabilities", {
  route: "api/aobo/capabilities",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const principal = await authenticate(services, request);
    const query = readQuery(request, aoboQuery);
    return json(aoboCapabilitiesFor(principal, query.customerTenantId));
  })
});
