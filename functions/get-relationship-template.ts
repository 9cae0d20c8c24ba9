import { app } from "@azure/functions";
import { templateId } from "../shared/api/template-schemas";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { templateEtag, toTemplateResource } from "../shared/templates/template-records";
import { getTemplate } from "../shared/use-cases/relationship-templates";
import { endpoint } from "../shared/wiring";

app.http("getRelationshipTemplate", {
  route: "api/partner/relationship-templates/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", templateId);
    const { document } = await getTemplate(services, caller.partner.tenantId, id);
    return json(toTemplateResource(document), { etag: toHttpEtag(templateEtag(document)) });
  })
});
