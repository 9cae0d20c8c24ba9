import { app } from "@azure/functions";
import { agreementAcceptanceBody } from "../shared/api/customer-schemas";
import { getServices } from "../shared/composition-root";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, json } from "../shared/http/endpoint";
import { readJsonBody } from "../shared/http/json-body";
import { acceptCustomerAgreement } from "../shared/use-cases/customer-agreement";

app.http("acceptCustomerAgreement", {
  route: "api/customer/agreement/accept",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    const body = await readJsonBody(request, agreementAcceptanceBody);
    return json(await acceptCustomerAgreement(getServices(), caller, body.agreementVersion));
  })
});
