import { app } from "@azure/functions";
import { partnerStatusQuery } from "../shared/api/onboarding-schemas";
import { operatorCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { operatorListScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { listPartnersByStatus, toOperatorPartner } from "../shared/use-cases/partner-standing";
import { endpoint } from "../shared/wiring";

app.http("listPartners", {
  route: "api/operator/partners",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    await operatorCaller(services, request);
    const query = readQuery(request, partnerStatusQuery);
    const paging = skipTokens(services.linkTokenSecret, operatorListScope("partners", query.status));
    const page = await listPartnersByStatus(
      services,
      query.status,
      query.$top,
      paging.continuationOf(query.$skiptoken)
    );
    return json({
      value: page.items.map(toOperatorPartner),
      "@odata.nextLink": paging.nextLink(request, page.continuation)
    });
  })
});
