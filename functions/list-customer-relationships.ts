import { app } from "@azure/functions";
import { customerRelationshipsQuery } from "../shared/api/customer-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { readQuery } from "../shared/http/request-parts";
import { listCustomerRelationships } from "../shared/use-cases/customer-relationships";
import { toCustomerResource } from "../shared/use-cases/customer-views";
import { endpoint } from "../shared/wiring";

app.http("listCustomerRelationships", {
  route: "api/customer/relationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const query = readQuery(request, customerRelationshipsQuery);
    const relationships = await listCustomerRelationships(services, caller, query.status);
    return json({ value: relationships.map((relationship) => toCustomerResource(relationship.document)) });
  })
});
