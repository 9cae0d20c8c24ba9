/**
 * The customer's device pages, through the same use cases as `GET /api/customer/devices` and
 * `DELETE /api/customer/devices/{id}`: the list (paged with the API's signed tokens), and Remove behind a
 * confirmation page whose form carries the CSRF token and answers with a redirect back to the list.
 */
import type { HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { deviceId } from "../../api/device-schemas";
import { customerDevicesScope, skipTokens } from "../../http/paging";
import { getCustomerDevice, listCustomerDevices, removeCustomerDevice } from "../../use-cases/customer-devices";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import { routeId } from "../route-id";
import {
  customerDevicesPath,
  customerDevicesTitle,
  customerDevicesView,
  removeDeviceView
} from "./customer-devices-view";

const pageSize = 50;
const listQuery = z.object({
  page: z.string().max(4096).optional().catch(undefined),
  removed: z.string().optional().catch(undefined)
});

export async function customerDevicesPage(page: PageContext): Promise<HttpResponseInit> {
  const session = await page.requireSession();
  const services = page.services;
  const query = listQuery.parse(Object.fromEntries(page.request.query.entries()));
  const paging = skipTokens(services.linkTokenSecret, customerDevicesScope(session.principal.tenantId));
  // A page token that is not ours starts the list again rather than failing.
  const listed = await listCustomerDevices(
    services,
    session.principal,
    pageSize,
    paging.read(query.page)?.continuation
  );
  const next = paging.tokenFor(listed.continuation);
  const body = customerDevicesView({
    devices: listed.items,
    removed: query.removed !== undefined,
    ...(next ? { nextPageUrl: `${customerDevicesPath}?page=${encodeURIComponent(next)}` } : {})
  });
  return page.render({ title: customerDevicesTitle, body });
}

export async function removeDevicePage(page: PageContext): Promise<HttpResponseInit> {
  const id = routeId(page.request, "id", deviceId);
  if (page.request.method === "POST") {
    const { session } = await page.readForm(customerDevicesPath);
    await removeCustomerDevice(page.services, session.principal, id);
    return redirect(`${customerDevicesPath}?removed=1`);
  }
  const session = await page.requireSession();
  const device = await getCustomerDevice(page.services, session.principal, id);
  return page.render({ title: "Remove this device?", body: removeDeviceView(device, session.csrfToken) });
}
