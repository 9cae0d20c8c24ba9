import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { invitationToken } from "../shared/api/id-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { declineInvitation } from "../shared/use-cases/customer-invitations";
import { toCustomerResource } from "../shared/use-cases/customer-views";
import { endpoint } from "../shared/wiring";

app.http("declineInvitation", {
  route: "api/invitations/{token}/decline",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const token = readRouteParam(request, "token", invitationToken);
    const { document } = await declineInvitation(services, { token, caller, ifMatch: ifMatchOf(request) });
    return json(toCustomerResource(document), { etag: toHttpEtag(relationshipEtag(document)) });
  })
});
