import { app } from "@azure/functions";
import { relationshipEtag } from "../shared/relationships/relationship-document";
import { acceptInvitationBody } from "../shared/api/customer-schemas";
import { invitationToken } from "../shared/api/id-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { ifMatchOf, toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { acceptInvitation } from "../shared/use-cases/customer-invitations";
import { toCustomerResource } from "../shared/use-cases/customer-views";
import { endpoint } from "../shared/wiring";

app.http("acceptInvitation", {
  route: "api/invitations/{token}/accept",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const token = readRouteParam(request, "token", invitationToken);
    const body = await readJsonBody(request, acceptInvitationBody);
    const { document } = await acceptInvitation(services, {
      token,
      caller,
      agreementVersion: body.agreementVersion,
      ifMatch: ifMatchOf(request)
    });
    return json(toCustomerResource(document), {
      etag: toHttpEtag(relationshipEtag(document)),
      location: `/api/customer/relationships/${document.id}`
    });
  })
});
