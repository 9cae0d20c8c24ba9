import { app } from "@azure/functions";
import { deviceId } from "../shared/api/device-schemas";
import { customerCaller } from "../shared/http/customer-caller";
import { noContent } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { removeCustomerDevice } from "../shared/use-cases/customer-devices";
import { endpoint } from "../shared/wiring";

// The customer removes a device an OEM registered; the removal (who, when) is kept in the device's place.
app.http("removeCustomerDevice", {
  route: "api/customer/devices/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    await removeCustomerDevice(services, caller, readRouteParam(request, "id", deviceId));
    return noContent();
  })
});
