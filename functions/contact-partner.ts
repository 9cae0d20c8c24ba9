import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { contactPartnerBody } from "../shared/api/public-schemas";
import { json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { readClientAddress, readRouteParam } from "../shared/http/request-parts";
import { contactPartner } from "../shared/use-cases/directory";
import { endpoint } from "../shared/wiring";

// Public, like the directory: readJsonBody caps the body at 64 KB; the use case limits requests per client and partner.
app.http("contactPartner", {
  route: "api/partners/{id}/contact",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const id = readRouteParam(request, "id", tenantGuid);
    const body = await readJsonBody(request, contactPartnerBody);
    const saved = await contactPartner(
      services,
      id,
      body,
      readClientAddress(request, services.config.clientAddressProxyHops)
    );
    return json({ id: saved.id, status: "received" }, { status: 202 });
  })
});
