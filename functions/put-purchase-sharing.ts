import { app } from "@azure/functions";
import { purchaseSharingBody } from "../shared/api/purchase-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { toSharingResource } from "../shared/purchases/purchase-resource";
import { changePurchaseSharing } from "../shared/use-cases/purchase-sharing";
import { endpoint } from "../shared/wiring";

app.http("putPurchaseSharing", {
  route: "api/customer/mpsa-purchase-sharing",
  methods: ["PUT"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const body = await readJsonBody(request, purchaseSharingBody);
    const { view } = await changePurchaseSharing(services, caller, body.enabled, ifMatchOf(request));
    return json(toSharingResource(view), { etag: toHttpEtag(view.etag) });
  })
});
