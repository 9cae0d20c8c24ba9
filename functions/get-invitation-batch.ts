import { app } from "@azure/functions";
import { batchId } from "../shared/api/batch-schemas";
import { toBatchResource } from "../shared/batches/batch-resource";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { getBatch } from "../shared/use-cases/invitation-batches";

app.http("getInvitationBatch", {
  route: "api/partner/invitation-batches/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const id = readRouteParam(request, "id", batchId);
    const { document } = await getBatch(getServices(), caller.partner.tenantId, id);
    return json(toBatchResource(document));
  })
});
