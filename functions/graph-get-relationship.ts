import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { graphEndpoint } from "../shared/graph/graph-endpoint";
import { invitationLinkShownTo, relationshipResponse } from "../shared/graph/graph-partner-calls";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getPartnerRelationship } from "../shared/use-cases/partner-relationships";

app.http("graphGetRelationship", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const { document } = await getPartnerRelationship(getServices(), caller.partner.tenantId, id);
    return relationshipResponse(document, { invitationLink: invitationLinkShownTo(caller, document) });
  })
});
