import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/relationship-schemas";
import { getServices } from "../shared/composition-root";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { endpoint, noContent } from "../shared/http/endpoint";
import { requireIfMatch } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { cancelInvitation } from "../shared/use-cases/partner-relationships";

app.http("cancelRelationship", {
  route: "api/relationships/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const ifMatch = requireIfMatch(request);
    await cancelInvitation(getServices(), { partnerTenantId: caller.partner.tenantId, relationshipId: id, actor: actorOf(caller.principal, "partner"), ifMatch });
    return noContent();
  })
});
