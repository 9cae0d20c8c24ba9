import { app } from "@azure/functions";
import { partnerStatusQuery } from "../shared/api/onboarding-schemas";
import { getServices } from "../shared/composition-root";
import { operatorCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { operatorListScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { listPartnersByStatus, toOperatorPartner } from "../shared/use-cases/partner-standing";

app.http("listPartners", {
  route: "api/operator/partners",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    await operatorCaller(request);
    const query = readQuery(request, partnerStatusQuery);
    const paging = skipTokens(getServices().linkTokenSecret, operatorListScope("partners", query.status));
    const page = await listPartnersByStatus(getServices(), query.status, query.$top, paging.continuationOf(query.$skiptoken));
    return json({ value: page.items.map(toOperatorPartner), "@odata.nextLink": paging.nextLink(request, page.continuation) });
  })
});
