import { app } from "@azure/functions";
import { templateId } from "../shared/api/template-schemas";
import { getServices } from "../shared/composition-root";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { endpoint, noContent } from "../shared/http/endpoint";
import { requireIfMatch } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { deleteTemplate } from "../shared/use-cases/relationship-templates";

app.http("deleteRelationshipTemplate", {
  route: "api/partner/relationship-templates/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const id = readRouteParam(request, "id", templateId);
    const ifMatch = requireIfMatch(request);
    await deleteTemplate(getServices(), { partnerTenantId: caller.partner.tenantId, id, ifMatch, actor: actorOf(caller.principal, "partner") });
    return noContent();
  })
});
