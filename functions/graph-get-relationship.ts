import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import { invitationLinkShownTo, relationshipResponse } from "../shared/graph/graph-partner-calls";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { getPartnerRelationship } from "../shared/use-cases/partner-relationships";
import { graphEndpoint } from "../shared/wiring";

app.http("graphGetRelationship", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const { document } = await getPartnerRelationship(services, caller.partner.tenantId, id);
    return relationshipResponse(services, document, {
      invitationLink: invitationLinkShownTo(services, caller, document)
    });
  })
});
