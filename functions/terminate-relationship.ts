import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/relationship-schemas";
import { getServices } from "../shared/composition-root";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { requestTermination } from "../shared/use-cases/partner-relationships";

app.http("terminateRelationship", {
  route: "api/relationships/{id}/terminate",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const changeRequest = { partnerTenantId: caller.partner.tenantId, relationshipId: id, actor: actorOf(caller.principal, "partner"), ifMatch: ifMatchOf(request) };
    const { document, etag } = await requestTermination(getServices(), changeRequest, "partner");
    return json(toRelationshipResource(document, "partner"), { status: 202, etag: toHttpEtag(etag) });
  })
});
