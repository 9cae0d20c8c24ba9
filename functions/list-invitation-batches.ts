import { app } from "@azure/functions";
import { batchesScope, listBatchesQuery } from "../shared/api/batch-schemas";
import { toBatchSummaryResource } from "../shared/batches/batch-resource";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { listBatches } from "../shared/use-cases/invitation-batches";

app.http("listInvitationBatches", {
  route: "api/partner/invitation-batches",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const query = readQuery(request, listBatchesQuery);
    const paging = skipTokens(getServices().linkTokenSecret, batchesScope(caller.partner.tenantId));
    const page = await listBatches(getServices(), caller.partner.tenantId, query.$top, paging.continuationOf(query.$skiptoken));
    return json({ value: page.items.map(toBatchSummaryResource), "@odata.nextLink": paging.nextLink(request, page.continuation) });
  })
});
