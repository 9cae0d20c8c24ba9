import { app } from "@azure/functions";
import { batchesScope, listBatchesQuery } from "../shared/api/batch-schemas";
import { toBatchSummaryResource } from "../shared/batches/batch-resource";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { listBatches } from "../shared/use-cases/invitation-batches";
import { endpoint } from "../shared/wiring";

app.http("listInvitationBatches", {
  route: "api/partner/invitation-batches",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const query = readQuery(request, listBatchesQuery);
    const paging = skipTokens(services.linkTokenSecret, batchesScope(caller.partner.tenantId));
    const page = await listBatches(
      services,
      caller.partner.tenantId,
      query.$top,
      paging.continuationOf(query.$skiptoken)
    );
    return json({
      value: page.items.map(toBatchSummaryResource),
      "@odata.nextLink": paging.nextLink(request, page.continuation)
    });
  })
});
