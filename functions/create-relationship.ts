import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { createRelationshipBody, idempotencyKey } from "../shared/api/relationship-schemas";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readHeader } from "../shared/http/request-parts";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { createInvitationFromRequest } from "../shared/use-cases/invite-from-template";
import { endpoint } from "../shared/wiring";

app.http("createRelationship", {
  route: "api/relationships",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "invite");
    const key = readHeader(request, "idempotency-key", idempotencyKey);
    const { templateId, ...body } = await readJsonBody(request, createRelationshipBody);
    const result = await createInvitationFromRequest(services, {
      partner: caller.partner,
      actor: actorOf(caller.principal, "partner"),
      request: body,
      idempotencyKey: key,
      templateId
    });
    const { document } = result.relationship;
    return json(
      { ...toRelationshipResource(document, "partner"), invitationLink: result.invitationLink },
      {
        status: result.created ? 201 : 200,
        etag: toHttpEtag(relationshipEtag(document)),
        location: `/api/relationships/${document.id}`
      }
    );
  })
});
