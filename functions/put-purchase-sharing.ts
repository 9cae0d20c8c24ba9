import { app } from "@azure/functions";
import { purchaseSharingBody } from "../shared/api/purchase-schemas";
import { getServices } from "../shared/composition-root";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { toSharingResource } from "../shared/purchases/purchase-resource";
import { changePurchaseSharing } from "../shared/use-cases/purchase-sharing";

app.http("putPurchaseSharing", {
  route: "api/customer/mpsa-purchase-sharing",
  methods: ["PUT"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    const body = await readJsonBody(request, purchaseSharingBody);
    const { view } = await changePurchaseSharing(getServices(), caller, body.enabled, ifMatchOf(request));
    return json(toSharingResource(view), { etag: toHttpEtag(view.etag) });
  })
});
