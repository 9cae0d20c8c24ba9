import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { customerRelationshipId } from "../shared/api/id-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { removeRoles } from "../shared/use-cases/customer-relationships";
import { toCustomerResource } from "../shared/use-cases/customer-views";
import { endpoint } from "../shared/wiring";

app.http("removeRoles", {
  route: "api/customer/relationships/{id}/remove-roles",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const id = readRouteParam(request, "id", customerRelationshipId);
    const { document } = await removeRoles(services, caller, id, ifMatchOf(request));
    return json(toCustomerResource(document), { etag: toHttpEtag(relationshipEtag(document)) });
  })
});
