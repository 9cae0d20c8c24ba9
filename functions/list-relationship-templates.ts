import { app } from "@azure/functions";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toTemplateResource } from "../shared/templates/template-records";
import { listTemplates } from "../shared/use-cases/relationship-templates";
import { endpoint } from "../shared/wiring";

app.http("listRelationshipTemplates", {
  route: "api/partner/relationship-templates",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const templates = await listTemplates(services, caller.partner.tenantId);
    return json({ value: templates.map(toTemplateResource) });
  })
});
