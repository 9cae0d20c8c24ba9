import { app } from "@azure/functions";
import { oemDevicesPage } from "../shared/pages/devices/oem-devices-page";
import { page } from "../shared/wiring";

// For OEMs: the devices registered for one customer (GET) and the Autopilot CSV upload (POST, multipart).
app.http("pageOemDevices", {
  route: "partner/customers/{customerTenantId}/devices",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(oemDevicesPage)
});
