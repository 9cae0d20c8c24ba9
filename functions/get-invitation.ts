import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { invitationToken } from "../shared/api/id-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { getInvitation } from "../shared/use-cases/customer-invitations";
import { toInvitationView } from "../shared/use-cases/customer-views";
import { endpoint } from "../shared/wiring";

app.http("getInvitation", {
  route: "api/invitations/{token}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const token = readRouteParam(request, "token", invitationToken);
    const { document } = await getInvitation(services, caller, token);
    return json(toInvitationView(document, caller), { etag: toHttpEtag(relationshipEtag(document)) });
  })
});
