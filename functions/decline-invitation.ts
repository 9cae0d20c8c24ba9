import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { invitationToken } from "../shared/api/id-schemas";
import { getServices } from "../shared/composition-root";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readRouteParam } from "../shared/http/request-parts";
import { declineInvitation } from "../shared/use-cases/customer-invitations";
import { toCustomerResource } from "../shared/use-cases/customer-views";

app.http("declineInvitation", {
  route: "api/invitations/{token}/decline",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    const token = readRouteParam(request, "token", invitationToken);
    const { document } = await declineInvitation(getServices(), { token, caller, ifMatch: ifMatchOf(request) });
    return json(toCustomerResource(document), { etag: toHttpEtag(relationshipEtag(document)) });
  })
});
