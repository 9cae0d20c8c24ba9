import { app } from "@azure/functions";
import { deviceListQuery } from "../shared/api/device-schemas";
import { toCustomerDeviceResource } from "../shared/devices/device-resources";
import { customerCaller } from "../shared/http/customer-caller";
import { json } from "../shared/http/endpoint";
import { customerDevicesScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { listCustomerDevices } from "../shared/use-cases/customer-devices";
import { endpoint } from "../shared/wiring";

app.http("listCustomerDevices", {
  route: "api/customer/devices",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await customerCaller(services, request);
    const query = readQuery(request, deviceListQuery);
    const paging = skipTokens(services.linkTokenSecret, customerDevicesScope(caller.tenantId));
    const page = await listCustomerDevices(services, caller, query.$top, paging.continuationOf(query.$skiptoken));
    return json({
      value: page.items.map(toCustomerDeviceResource),
      "@odata.nextLink": paging.nextLink(request, page.continuation)
    });
  })
});
