import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { requestTermination } from "../shared/use-cases/partner-relationships";
import { endpoint } from "../shared/wiring";

app.http("terminateRelationship", {
  route: "api/relationships/{id}/terminate",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const { document } = await requestTermination(
      services,
      await partnerChangeRequest(services, request, "optional"),
      "partner"
    );
    return json(toRelationshipResource(document, "partner"), {
      status: 202,
      etag: toHttpEtag(relationshipEtag(document))
    });
  })
});
