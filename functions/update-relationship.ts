import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { updateRelationshipBody } from "../shared/api/relationship-schemas";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { updateAutoExtend } from "../shared/use-cases/partner-relationships";
import { endpoint } from "../shared/wiring";

app.http("updateRelationship", {
  route: "api/relationships/{id}",
  methods: ["PATCH"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const changeRequest = await partnerChangeRequest(services, request, "required");
    const body = await readJsonBody(request, updateRelationshipBody);
    const { document } = await updateAutoExtend(services, changeRequest, body.autoExtendDuration);
    return json(toRelationshipResource(document, "partner"), { etag: toHttpEtag(relationshipEtag(document)) });
  })
});
