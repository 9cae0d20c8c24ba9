import { app } from "@azure/functions";
import { listRelationshipsQuery } from "../shared/api/relationship-schemas";
import { getServices } from "../shared/composition-root";
import { partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { partnerRelationshipsScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { listPartnerRelationships } from "../shared/use-cases/partner-relationships";

app.http("listRelationships", {
  route: "api/relationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "read");
    const query = readQuery(request, listRelationshipsQuery);
    const paging = skipTokens(getServices().linkTokenSecret, partnerRelationshipsScope(caller.partner.tenantId, query));
    const page = await listPartnerRelationships(getServices(), caller.partner.tenantId, {
      status: query.status,
      customerTenantId: query.customerTenantId,
      expiringWithinDays: query.expiringWithinDays,
      top: query.$top,
      continuation: paging.continuationOf(query.$skiptoken)
    });
    return json({
      value: page.items.map((item) => toRelationshipResource(item.document, "partner")),
      "@odata.nextLink": paging.nextLink(request, page.continuation)
    });
  })
});
