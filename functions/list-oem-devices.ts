import { app } from "@azure/functions";
import { deviceListQuery } from "../shared/api/device-schemas";
import { tenantGuid } from "../shared/api/id-schemas";
import { toOemDeviceResource } from "../shared/devices/device-resources";
import { normalizeGuid } from "../shared/domain/guid";
import { partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { oemDevicesScope, skipTokens } from "../shared/http/paging";
import { readQuery, readRouteParam } from "../shared/http/request-parts";
import { listOemDevices } from "../shared/use-cases/oem-devices";
import { endpoint } from "../shared/wiring";

app.http("listOemDevices", {
  route: "api/partner/customers/{customerTenantId}/devices",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const customerTenantId = normalizeGuid(readRouteParam(request, "customerTenantId", tenantGuid));
    const query = readQuery(request, deviceListQuery);
    const paging = skipTokens(services.linkTokenSecret, oemDevicesScope(caller.partner.tenantId, customerTenantId));
    const page = await listOemDevices(
      services,
      caller.partner.tenantId,
      customerTenantId,
      query.$top,
      paging.continuationOf(query.$skiptoken)
    );
    return json({
      value: page.items.map(toOemDeviceResource),
      "@odata.nextLink": paging.nextLink(request, page.continuation)
    });
  })
});
