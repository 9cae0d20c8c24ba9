import { app } from "@azure/functions";
import { removeDevicePage } from "../shared/pages/devices/customer-devices-page";
import { page } from "../shared/wiring";

// "Remove this device?" (GET) and the removal (POST), as DELETE /api/customer/devices/{id}.
app.http("pageRemoveDevice", {
  route: "devices/{id}/remove",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(removeDevicePage)
});
