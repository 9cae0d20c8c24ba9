import { app } from "@azure/functions";
import { applicationStatusQuery } from "../shared/api/onboarding-schemas";
import { operatorCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { operatorListScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { listApplications, toOperatorApplication } from "../shared/use-cases/operator-review";
import { endpoint } from "../shared/wiring";

app.http("listPartnerApplications", {
  route: "api/operator/partner-applications",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    await operatorCaller(services, request);
    const query = readQuery(request, applicationStatusQuery);
    const paging = skipTokens(services.linkTokenSecret, operatorListScope("partnerApplications", query.status));
    const page = await listApplications(services, query.status, query.$top, paging.continuationOf(query.$skiptoken));
    return json({
      value: page.items.map((item) => toOperatorApplication(item.document)),
      "@odata.nextLink": paging.nextLink(request, page.continuation)
    });
  })
});
