import { app } from "@azure/functions";
import { templateBody } from "../shared/api/template-schemas";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { templateEtag, toTemplateResource } from "../shared/templates/template-records";
import { createTemplate } from "../shared/use-cases/relationship-templates";
import { endpoint } from "../shared/wiring";

app.http("createRelationshipTemplate", {
  route: "api/partner/relationship-templates",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const body = await readJsonBody(request, templateBody);
    const { document } = await createTemplate(services, {
      partnerTenantId: caller.partner.tenantId,
      actor: actorOf(caller.principal, "partner"),
      request: body
    });
    return json(toTemplateResource(document), {
      status: 201,
      etag: toHttpEtag(templateEtag(document)),
      location: `/api/partner/relationship-templates/${document.id}`
    });
  })
});
