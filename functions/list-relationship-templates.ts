import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { toTemplateResource } from "../shared/templates/template-records";
import { listTemplates } from "../shared/use-cases/relationship-templates";

app.http("listRelationshipTemplates", {
  route: "api/partner/relationship-templates",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const templates = await listTemplates(getServices(), caller.partner.tenantId);
    return json({ value: templates.map(toTemplateResource) });
  })
});
