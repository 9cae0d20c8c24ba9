import { app } from "@azure/functions";
import { listRelationshipsQuery } from "../shared/api/relationship-schemas";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { partnerRelationshipsScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { toRelationshipResource } from "../shared/relationships/relationship-resource";
import { listPartnerRelationships } from "../shared/use-cases/partner-relationships";
import { endpoint } from "../shared/wiring";

app.http("listRelationships", {
  route: "api/relationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const query = readQuery(request, listRelationshipsQuery);
    const paging = skipTokens(services.linkTokenSecret, partnerRelationshipsScope(caller.partner.tenantId, query));
    const page = await listPartnerRelationships(services, caller.partner.tenantId, {
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
