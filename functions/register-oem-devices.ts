import { app } from "@azure/functions";
import { tenantGuid } from "../shared/api/id-schemas";
import { normalizeGuid } from "../shared/domain/guid";
import { partnerCaller } from "../shared/http/callers";
import { readDeviceUpload } from "../shared/http/device-upload-body";
import { json } from "../shared/http/endpoint";
import { readRouteParam } from "../shared/http/request-parts";
import { registerDevices } from "../shared/use-cases/oem-devices";
import { endpoint } from "../shared/wiring";

// An OEM registers devices for a customer: a JSON list or an Autopilot CSV, every row valid or nothing stored.
app.http("registerOemDevices", {
  route: "api/partner/customers/{customerTenantId}/devices",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const customerTenantId = normalizeGuid(readRouteParam(request, "customerTenantId", tenantGuid));
    const rows = await readDeviceUpload(request);
    return json(await registerDevices(services, caller, customerTenantId, rows));
  })
});
