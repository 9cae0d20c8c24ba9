import { app } from "@azure/functions";
import { customerPurchasesQuery } from "../shared/api/purchase-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { customerPurchaseTokens } from "../shared/http/purchase-paging";
import { readQuery } from "../shared/http/request-parts";
import { groupByPartner } from "../shared/purchases/purchase-resource";
import { listCustomerPurchases } from "../shared/use-cases/mpsa-purchases";
import { endpoint } from "../shared/wiring";

app.http("listCustomerPurchases", {
  route: "api/customer/purchases",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const query = readQuery(request, customerPurchasesQuery);
    const tokens = customerPurchaseTokens(services.linkTokenSecret, caller.tenantId);
    const page = await listCustomerPurchases(services, caller, query.$top, () =>
      tokens.continuationOf(query.$skiptoken)
    );
    const nextLink = tokens.nextLink(request, page.continuation);
    return json({ value: groupByPartner(page.items), ...(nextLink ? { "@odata.nextLink": nextLink } : {}) });
  })
});
