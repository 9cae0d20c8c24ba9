import { app } from "@azure/functions";
import { customerRelationshipsQuery } from "../shared/api/customer-schemas";
import { getServices } from "../shared/composition-root";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, json } from "../shared/http/endpoint";
import { readQuery } from "../shared/http/request-parts";
import { listCustomerRelationships } from "../shared/use-cases/customer-relationships";
import { toCustomerResource } from "../shared/use-cases/customer-views";

app.http("listCustomerRelationships", {
  route: "api/customer/relationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    const query = readQuery(request, customerRelationshipsQuery);
    const relationships = await listCustomerRelationships(getServices(), caller, query.status);
    return json({ value: relationships.map((relationship) => toCustomerResource(relationship.document)) });
  })
});
