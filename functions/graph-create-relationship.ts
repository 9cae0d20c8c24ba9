import { app } from "@azure/functions";
import { graphCreateRelationshipBody } from "../shared/api/graph-schemas";
import { idempotencyKey } from "../shared/api/relationship-schemas";
import { relationshipResponse } from "../shared/graph/graph-partner-calls";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { readJsonBody } from "../shared/http/json-body";
import { readHeader } from "../shared/http/request-parts";
import { createRelationshipFromRequest } from "../shared/use-cases/invite-from-template";
import { graphEndpoint } from "../shared/wiring";

app.http("graphCreateRelationship", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const key = readHeader(request, "idempotency-key", idempotencyKey);
    const { "@odata.type": _type, templateId, ...body } = await readJsonBody(request, graphCreateRelationshipBody);
    const result = await createRelationshipFromRequest(services, {
      partner: caller.partner,
      actor: actorOf(caller.principal, "partner"),
      request: body,
      idempotencyKey: key,
      templateId
    });
    return relationshipResponse(services, result.relationship.document, {
      status: result.created ? 201 : 200,
      location: true
    });
  })
});
