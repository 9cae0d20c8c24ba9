/**
 * The customer's devices page (`/devices`) and the "Remove this device?" confirmation: the devices OEMs registered
 * for the organisation, each with the OEM that registered it (its name, legal name and tenant id, as they were at
 * registration), and a Remove link to the confirmation, whose form does it. Works without the script.
 */
import type { DeviceRecord, DeviceSummary } from "../../devices/device-records";
import { timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { csrfField, partnerIdentityLine } from "../views/relationship-parts";

export const customerDevicesPath = "/devices";
export const customerDevicesTitle = "Devices registered by your partners";

function removeDevicePath(id: string): string {
  return `${customerDevicesPath}/${encodeURIComponent(id)}/remove`;
}

export interface CustomerDevicesView {
  readonly devices: readonly DeviceSummary[];
  readonly removed: boolean;
  readonly nextPageUrl?: string;
}

export function customerDevicesView(view: CustomerDevicesView): SafeHtml {
  return html`<h1>${customerDevicesTitle}</h1>
${view.removed && html`<div class="notice notice--success" role="status" data-confirmation="removed"><p>The device was removed. The removal is recorded with your name and the time.</p></div>`}
<p class="lead">Device manufacturers (OEMs) you work with register the devices they ship to you for automatic set-up. They need no admin role in your organisation to do it; each registration is listed here with the partner that made it. Remove any you do not recognise.</p>
${
  view.devices.length === 0
    ? html`<p data-empty-list>No partner has registered devices for your organisation.</p>`
    : html`<table class="stack device-list">
<caption class="visually-hidden">Devices registered for your organisation, newest first</caption>
<thead><tr><th scope="col">Serial number</th><th scope="col">Manufacturer and model</th><th scope="col">Registered by</th><th scope="col">Registered on</th><th scope="col">Actions</th></tr></thead>
<tbody>
${view.devices.map(row)}</tbody>
</table>`
}
${view.nextPageUrl && html`<p><a href="${view.nextPageUrl}">Older devices</a></p>`}
<p><a href="/partner-relationships">Partner relationships</a>: end an OEM relationship there to stop new registrations.</p>`;
}

function row(device: DeviceSummary): SafeHtml {
  return html`<tr data-row-id="${device.id}">
<th scope="row" data-label="Serial number">${device.serialNumber}${device.windowsProductId && html`<span class="muted cell-detail">Product ID ${device.windowsProductId}</span>`}</th>
<td data-label="Manufacturer and model">${device.manufacturer} ${device.model}</td>
<td data-label="Registered by" data-field="registeredBy">${device.registeredBy.displayName}<br>${partnerIdentityLine(device.registeredBy)}</td>
<td data-label="Registered on">${timeElement(device.registeredDateTime)}</td>
<td data-label="Actions"><a class="button button--secondary" href="${removeDevicePath(device.id)}">Remove<span class="visually-hidden"> device ${device.serialNumber}</span></a></td>
</tr>
`;
}

export function removeDeviceView(device: DeviceRecord, csrfToken: string): SafeHtml {
  return html`<p><a href="${customerDevicesPath}">← Devices</a></p>
<h1>Remove this device?</h1>
<dl class="facts">
<dt>Serial number</dt><dd data-field="serialNumber">${device.serialNumber}</dd>
<dt>Manufacturer and model</dt><dd>${device.manufacturer} ${device.model}</dd>
<dt>Windows product ID</dt><dd>${device.windowsProductId ?? "—"}</dd>
<dt>Registered by</dt><dd>${device.registeredBy.displayName}<br>${partnerIdentityLine(device.registeredBy)}</dd>
<dt>Registered on</dt><dd>${timeElement(device.registeredDateTime)}</dd>
</dl>
<p>The device is no longer registered for your organisation. <strong>${device.registeredBy.displayName}</strong> can register it again while it has an OEM relationship with you; end that relationship on Partner relationships to stop it.</p>
<form method="post" action="${removeDevicePath(device.id)}">
${csrfField(csrfToken)}
<div class="actions">
<button type="submit" class="button--danger">Yes, remove it</button>
<a class="button button--secondary" href="${customerDevicesPath}">No, keep it</a>
</div>
</form>`;
}
