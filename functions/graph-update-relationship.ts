import { app } from "@azure/functions";
import { graphUpdateRelationshipBody } from "../shared/api/graph-schemas";
import { getServices } from "../shared/composition-root";
import { graphEndpoint } from "../shared/graph/graph-endpoint";
import { relationshipResponse } from "../shared/graph/graph-partner-calls";
import { readJsonBody } from "../shared/http/json-body";
import { partnerChangeRequest } from "../shared/http/partner-change";
import { updateRelationship } from "../shared/use-cases/partner-relationships";

app.http("graphUpdateRelationship", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}",
  methods: ["PATCH"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request) => {
    const changeRequest = await partnerChangeRequest(request, "required");
    const { "@odata.type": _type, ...patch } = await readJsonBody(request, graphUpdateRelationshipBody);
    const { document } = await updateRelationship(getServices(), changeRequest, patch);
    return relationshipResponse(document);
  })
});
