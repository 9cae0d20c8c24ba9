import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { relationshipId } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { getPartnerRelationship } from "../shared/use-cases/partner-relationships";

app.http("getRelationship", {
  route: "api/relationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const { document } = await getPartnerRelationship(getServices(), caller.partner.tenantId, id);
    return json(toRelationshipResource(document, "partner"), { etag: toHttpEtag(relationshipEtag(document)) });
  })
});
