import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { customerRelationshipId } from "../shared/api/id-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { getCustomerRelationship } from "../shared/use-cases/customer-relationships";
import { toCustomerResource, toHistory } from "../shared/use-cases/customer-views";
import { endpoint } from "../shared/wiring";

app.http("getCustomerRelationship", {
  route: "api/customer/relationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const id = readRouteParam(request, "id", customerRelationshipId);
    const { relationship, history } = await getCustomerRelationship(services, caller, id);
    return json(
      { ...toCustomerResource(relationship.document), history: toHistory(history) },
      { etag: toHttpEtag(relationshipEtag(relationship.document)) }
    );
  })
});
