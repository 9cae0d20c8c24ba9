import { app } from "@azure/functions";
import { batchBody, maxBatchBodyBytes } from "../shared/api/batch-schemas";
import { idempotencyKey } from "../shared/api/relationship-schemas";
import { toBatchResource } from "../shared/batches/batch-resource";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { readHeader } from "../shared/http/request-parts";
import { submitBatch } from "../shared/use-cases/invitation-batches";
import { endpoint } from "../shared/wiring";

app.http("createInvitationBatch", {
  route: "api/partner/invitation-batches",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "invite");
    const key = readHeader(request, "idempotency-key", idempotencyKey);
    const body = await readJsonBody(request, batchBody, maxBatchBodyBytes);
    const { batch, created } = await submitBatch(services, {
      partner: caller.partner,
      actor: actorOf(caller.principal, "partner"),
      templateId: body.templateId,
      customers: body.customers,
      idempotencyKey: key
    });
    return json(toBatchResource(batch.document), {
      status: created ? 202 : 200,
      location: `/api/partner/invitation-batches/${batch.document.id}`
    });
  })
});
