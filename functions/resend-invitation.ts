import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { getServices } from "../shared/composition-root";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { resendInvitation } from "../shared/use-cases/partner-relationships";

app.http("resendInvitation", {
  route: "api/relationships/{id}/resend",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const { document } = await resendInvitation(getServices(), await partnerChangeRequest(request, "optional", "invite"));
    return json(toRelationshipResource(document, "partner"), { status: 202, etag: toHttpEtag(relationshipEtag(document)) });
  })
});
