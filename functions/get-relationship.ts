import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { relationshipId } from "../shared/api/id-schemas";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { getPartnerRelationship } from "../shared/use-cases/partner-relationships";
import { endpoint } from "../shared/wiring";

app.http("getRelationship", {
  route: "api/relationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const { document } = await getPartnerRelationship(services, caller.partner.tenantId, id);
    return json(toRelationshipResource(document, "partner"), { etag: toHttpEtag(relationshipEtag(document)) });
  })
});
