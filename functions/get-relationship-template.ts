import { app } from "@azure/functions";
import { templateId } from "../shared/api/template-schemas";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { templateEtag, toTemplateResource } from "../shared/templates/template-records";
import { getTemplate } from "../shared/use-cases/relationship-templates";

app.http("getRelationshipTemplate", {
  route: "api/partner/relationship-templates/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", templateId);
    const { document } = await getTemplate(getServices(), caller.partner.tenantId, id);
    return json(toTemplateResource(document), { etag: toHttpEtag(templateEtag(document)) });
  })
});
