import { app } from "@azure/functions";
import { batchId } from "../shared/api/batch-schemas";
import { toBatchResource } from "../shared/batches/batch-resource";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { getBatch } from "../shared/use-cases/invitation-batches";
import { endpoint } from "../shared/wiring";

app.http("getInvitationBatch", {
  route: "api/partner/invitation-batches/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", batchId);
    const { document } = await getBatch(services, caller.partner.tenantId, id);
    return json(toBatchResource(document));
  })
});
