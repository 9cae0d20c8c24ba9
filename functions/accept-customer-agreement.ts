import { app } from "@azure/functions";
import { agreementAcceptanceBody } from "../shared/api/customer-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { acceptCustomerAgreement } from "../shared/use-cases/customer-agreement";
import { endpoint } from "../shared/wiring";

app.http("acceptCustomerAgreement", {
  route: "api/customer/agreement/accept",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const body = await readJsonBody(request, agreementAcceptanceBody);
    return json(await acceptCustomerAgreement(services, caller, body.agreementVersion));
  })
});
