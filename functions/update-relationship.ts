import { app } from "@azure/functions";
import { relationshipId, updateRelationshipBody } from "../shared/api/relationship-schemas";
import { getServices } from "../shared/composition-root";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { requireIfMatch, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { updateAutoExtend } from "../shared/use-cases/partner-relationships";

app.http("updateRelationship", {
  route: "api/relationships/{id}",
  methods: ["PATCH"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const ifMatch = requireIfMatch(request);
    const body = await readJsonBody(request, updateRelationshipBody);
    const { document, etag } = await updateAutoExtend(
      getServices(),
      { partnerTenantId: caller.partner.tenantId, relationshipId: id, actor: actorOf(caller.principal, "partner"), ifMatch },
      body.autoExtendDuration
    );
    return json(toRelationshipResource(document, "partner"), { etag: toHttpEtag(etag) });
  })
});
