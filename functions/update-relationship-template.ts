import { app } from "@azure/functions";
import { templateBody, templateId } from "../shared/api/template-schemas";
import { getServices } from "../shared/composition-root";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { requireIfMatch, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { templateEtag, toTemplateResource } from "../shared/templates/template-records";
import { replaceTemplate } from "../shared/use-cases/relationship-templates";

app.http("updateRelationshipTemplate", {
  route: "api/partner/relationship-templates/{id}",
  methods: ["PUT"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const id = readRouteParam(request, "id", templateId);
    const ifMatch = requireIfMatch(request);
    const body = await readJsonBody(request, templateBody);
    const { document } = await replaceTemplate(getServices(), { partnerTenantId: caller.partner.tenantId, id, ifMatch, actor: actorOf(caller.principal, "partner"), request: body });
    return json(toTemplateResource(document), { etag: toHttpEtag(templateEtag(document)) });
  })
});
