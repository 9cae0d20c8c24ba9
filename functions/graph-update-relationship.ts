import { app } from "@azure/functions";
import { graphUpdateRelationshipBody } from "../shared/api/graph-schemas";
import { relationshipResponse } from "../shared/graph/graph-partner-calls";
import { readJsonBody } from "../shared/http/json-body";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { updateRelationship } from "../shared/use-cases/partner-relationships";
import { graphEndpoint } from "../shared/wiring";

app.http("graphUpdateRelationship", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}",
  methods: ["PATCH"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const changeRequest = await partnerChangeRequest(services, request, "required");
    const { "@odata.type": _type, ...patch } = await readJsonBody(request, graphUpdateRelationshipBody);
    const { document } = await updateRelationship(services, changeRequest, patch);
    return relationshipResponse(services, document);
  })
});
