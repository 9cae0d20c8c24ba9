import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, json } from "../shared/http/endpoint";
import { getAgreementStatus } from "../shared/use-cases/customer-agreement";

app.http("getCustomerAgreement", {
  route: "api/customer/agreement",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    return json(await getAgreementStatus(getServices(), caller));
  })
});
