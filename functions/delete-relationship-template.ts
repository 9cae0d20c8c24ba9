import { app } from "@azure/functions";
import { templateId } from "../shared/api/template-schemas";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { noContent } from "../shared/http/endpoint";
import { requireIfMatch } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { deleteTemplate } from "../shared/use-cases/relationship-templates";
import { endpoint } from "../shared/wiring";

app.http("deleteRelationshipTemplate", {
  route: "api/partner/relationship-templates/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const id = readRouteParam(request, "id", templateId);
    const ifMatch = requireIfMatch(request);
    await deleteTemplate(services, {
      partnerTenantId: caller.partner.tenantId,
      id,
      ifMatch,
      actor: actorOf(caller.principal, "partner")
    });
    return noContent();
  })
});
