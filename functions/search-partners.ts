import { app } from "@azure/functions";
import { directoryQuery } from "../shared/api/public-schemas";
import { json } from "../shared/http/endpoint";
import { directoryScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { searchDirectory } from "../shared/use-cases/directory";
import { endpoint } from "../shared/wiring";

app.http("searchPartners", {
  route: "api/partners",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const query = readQuery(request, directoryQuery);
    const paging = skipTokens(services.linkTokenSecret, directoryScope(query));
    const page = await searchDirectory(services, query, paging.continuationOf(query.$skiptoken));
    return json({ value: page.items, "@odata.nextLink": paging.nextLink(request, page.continuation) });
  })
});
