import { app } from "@azure/functions";
import { deviceListQuery } from "../shared/api/device-schemas";
import { getServices } from "../shared/composition-root";
import { toCustomerDeviceResource } from "../shared/devices/device-resources";
import { customerCaller } from "../shared/http/customer-caller";
import { endpoint, json } from "../shared/http/endpoint";
import { customerDevicesScope, skipTokens } from "../shared/http/paging";
import { readQuery } from "../shared/http/request-parts";
import { listCustomerDevices } from "../shared/use-cases/customer-devices";

app.http("listCustomerDevices", {
  route: "api/customer/devices",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await customerCaller(request);
    const query = readQuery(request, deviceListQuery);
    const paging = skipTokens(getServices().linkTokenSecret, customerDevicesScope(caller.tenantId));
    const page = await listCustomerDevices(getServices(), caller, query.$top, paging.continuationOf(query.$skiptoken));
    return json({ value: page.items.map(toCustomerDeviceResource), "@odata.nextLink": paging.nextLink(request, page.continuation) });
  })
});
