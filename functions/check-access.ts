import { app } from "@azure/functions";
import { accessCheckListParameters, accessCheckQuery } from "../shared/api/access-schemas";
import { authenticate } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readQuery } from "../shared/http/request-parts";
import { checkAccess } from "../shared/use-cases/check-access";
import { endpoint } from "../shared/wiring";

app.http("checkAccess", {
  route: "api/access",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await authenticate(services, request);
    const query = readQuery(request, accessCheckQuery, accessCheckListParameters);
    // `endpoint` adds Cache-Control: no-store: a cached "yes" would outlive a revocation.
    return json(await checkAccess(services, caller, query));
  })
});
