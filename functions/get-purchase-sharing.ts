import { app } from "@azure/functions";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { toSharingResource } from "../shared/purchases/purchase-resource";
import { readPurchaseSharing } from "../shared/use-cases/purchase-sharing";
import { endpoint } from "../shared/wiring";

app.http("getPurchaseSharing", {
  route: "api/customer/mpsa-purchase-sharing",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const sharing = await readPurchaseSharing(services, caller);
    return json(toSharingResource(sharing), { etag: toHttpEtag(sharing.etag) });
  })
});
