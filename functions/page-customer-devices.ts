import { app } from "@azure/functions";
import { customerDevicesPage } from "../shared/pages/devices/customer-devices-page";
import { page } from "../shared/wiring";

// For customers: the devices OEMs registered, with the OEM of each (GET /api/customer/devices as a page).
app.http("pageCustomerDevices", {
  route: "devices",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(customerDevicesPage)
});
