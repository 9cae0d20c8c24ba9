import { app } from "@azure/functions";
import { deviceId } from "../shared/api/device-schemas";
import { getServices } from "../shared/composition-root";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, noContent } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { removeCustomerDevice } from "../shared/use-cases/customer-devices";

// The customer removes a device an OEM registered; the removal (who, when) is kept in the device's place.
app.http("removeCustomerDevice", {
  route: "api/customer/devices/{id}",
  methods: ["DELETE"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    await removeCustomerDevice(getServices(), caller, readRouteParam(request, "id", deviceId));
    return noContent();
  })
});
