import { app } from "@azure/functions";
import { templateBody, templateId } from "../shared/api/template-schemas";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { requireIfMatch, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { templateEtag, toTemplateResource } from "../shared/templates/template-records";
import { replaceTemplate } from "../shared/use-cases/relationship-templates";
import { endpoint } from "../shared/wiring";

app.http("updateRelationshipTemplate", {
  route: "api/partner/relationship-templates/{id}",
  methods: ["PUT"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const id = readRouteParam(request, "id", templateId);
    const ifMatch = requireIfMatch(request);
    const body = await readJsonBody(request, templateBody);
    const { document } = await replaceTemplate(services, {
      partnerTenantId: caller.partner.tenantId,
      id,
      ifMatch,
      actor: actorOf(caller.principal, "partner"),
      request: body
    });
    return json(toTemplateResource(document), { etag: toHttpEtag(templateEtag(document)) });
  })
});
