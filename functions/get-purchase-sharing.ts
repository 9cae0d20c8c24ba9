import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { toSharingResource } from "../shared/purchases/purchase-resource";
import { readPurchaseSharing } from "../shared/use-cases/purchase-sharing";

app.http("getPurchaseSharing", {
  route: "api/customer/mpsa-purchase-sharing",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    const sharing = await readPurchaseSharing(getServices(), caller);
    return json(toSharingResource(sharing), { etag: toHttpEtag(sharing.etag) });
  })
});
