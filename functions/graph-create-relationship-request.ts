import { app } from "@azure/functions";
import { graphCreateRequestBody } from "../shared/api/graph-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { requestResponse } from "../shared/graph/graph-partner-calls";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { ifMatchOf } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { makeRelationshipRequest } from "../shared/use-cases/relationship-requests";
import { graphEndpoint } from "../shared/wiring";

app.http("graphCreateRelationshipRequest", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const { action } = await readJsonBody(request, graphCreateRequestBody);
    const made = await makeRelationshipRequest(services, {
      partner: caller.partner,
      actor: actorOf(caller.principal, "partner"),
      relationshipId: id,
      action,
      ifMatch: ifMatchOf(request)
    });
    return requestResponse(services, id, made.request, { status: 201, invitationLink: made.invitationLink });
  })
});
