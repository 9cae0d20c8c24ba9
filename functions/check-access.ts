import { app } from "@azure/functions";
import { accessCheckListParameters, accessCheckQuery } from "../shared/api/access-schemas";
import { getServices } from "../shared/composition-root";
import { authenticate } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { readQuery } from "../shared/http/request-parts";
import { checkAccess } from "../shared/use-cases/check-access";

app.http("checkAccess", {
  route: "api/access",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await authenticate(request);
    const query = readQuery(request, accessCheckQuery, accessCheckListParameters);
    // `endpoint` adds Cache-Control: no-store: a cached "yes" would outlive a revocation.
    return json(await checkAccess(getServices(), caller, query));
  })
});
