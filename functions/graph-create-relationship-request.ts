import { app } from "@azure/functions";
import { graphCreateRequestBody } from "../shared/api/graph-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { graphEndpoint } from "../shared/graph/graph-endpoint";
import { requestResponse } from "../shared/graph/graph-partner-calls";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { ifMatchOf } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { makeRelationshipRequest } from "../shared/use-cases/relationship-requests";

app.http("graphCreateRelationshipRequest", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const { action } = await readJsonBody(request, graphCreateRequestBody);
    const made = await makeRelationshipRequest(getServices(), { partner: caller.partner, actor: actorOf(caller.principal, "partner"), relationshipId: id, action, ifMatch: ifMatchOf(request) });
    return requestResponse(id, made.request, { status: 201, invitationLink: made.invitationLink });
  })
});
