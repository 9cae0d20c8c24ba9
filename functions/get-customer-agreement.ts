import { app } from "@azure/functions";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { getAgreementStatus } from "../shared/use-cases/customer-agreement";
import { endpoint } from "../shared/wiring";

app.http("getCustomerAgreement", {
  route: "api/customer/agreement",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    return json(await getAgreementStatus(services, caller));
  })
});
