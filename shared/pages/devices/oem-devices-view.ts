/**
 * The OEM's device page for one customer: the CSV upload form (a file input, and the make and model for a file
 * without those columns), what an upload did row by row, the problems that stopped one (nothing is registered
 * then), and the devices the OEM registered there. Every value is escaped; the form is a plain multipart form.
 */
import type { FieldError } from "../../errors";
import type { DeviceSummary } from "../../devices/device-records";
import type { DeviceOutcome, UploadResult } from "../../use-cases/oem-devices";
import { maxDevicesPerUpload } from "../../domain/oem-devices";
import { timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { csrfField } from "../views/relationship-parts";
import { textField } from "../text-field";
import { tryAgainNotice, type TryAgain } from "../views/try-again";

export interface OemDevicesView {
  readonly customerTenantId: string;
  readonly customerName?: string;
  readonly path: string;
  /** Present when this user may upload now; otherwise `uploadRefusal` says why not. */
  readonly form?: { readonly csrfToken: string; readonly manufacturer: string; readonly model: string };
  readonly uploadRefusal?: string;
  readonly result?: UploadResult;
  readonly problems?: readonly FieldError[];
  readonly tryAgain?: TryAgain;
  readonly devices?: readonly DeviceSummary[];
  readonly nextPageUrl?: string;
}

export function oemDevicesTitle(customerName: string | undefined): string {
  return customerName ? `Devices for ${customerName}` : "Devices for a customer";
}

export function oemDevicesView(view: OemDevicesView): SafeHtml {
  return html`<p><a href="/partner/invitations">← Invitations</a></p>
<h1>${oemDevicesTitle(view.customerName)}</h1>
<p class="lead">Register the devices you ship to this customer for automatic set-up (Windows Autopilot). This needs no admin role in the customer's organisation: the devices are kept in our service, where the customer sees them and can remove any.</p>
<dl class="facts"><dt>Customer tenant ID</dt><dd data-field="customerTenantId">${view.customerTenantId}</dd></dl>
${view.tryAgain && tryAgainNotice(view.tryAgain)}
${view.problems && problemsNotice(view.problems)}
${view.result && resultSection(view.result)}
<section aria-labelledby="upload-title">
<h2 id="upload-title">Upload devices</h2>
${view.form ? uploadForm(view, view.form) : html`<div class="notice notice--warning" data-upload-refusal><p>${view.uploadRefusal ?? ""}</p></div>`}
</section>
<section aria-labelledby="registered-title">
<h2 id="registered-title">Devices you registered</h2>
${registeredList(view)}
</section>`;
}

function uploadForm(view: OemDevicesView, form: NonNullable<OemDevicesView["form"]>): SafeHtml {
  const problemsOf = (field: string) => (view.problems ?? []).filter((problem) => problem.field === field);
  const fileProblems = (view.problems ?? []).filter((problem) => problem.field === "file");
  return html`<form method="post" action="${view.path}" enctype="multipart/form-data" class="form-grid device-upload">
${csrfField(form.csrfToken)}
<div class="field">
<label for="file">Autopilot CSV file</label>
<span class="hint" id="file-hint">The Windows Autopilot layout: a header line <code>Device Serial Number,Windows Product ID,Hardware Hash</code>, then one device a line, at most ${maxDevicesPerUpload.toLocaleString("en")}. Group Tag and Assigned User columns are accepted and not kept; Manufacturer name and Device model columns are read when present. UTF-8 or plain ASCII.</span>
${fileProblems.length > 0 && html`<span class="error-text" id="file-error">${fileProblems.map((problem) => problem.message).join(" ")}</span>`}
<input type="file" id="file" name="file" accept=".csv,text/csv" required aria-describedby="file-hint${fileProblems.length > 0 ? " file-error" : ""}"${fileProblems.length > 0 ? html` aria-invalid="true"` : ""}>
</div>
${textField({ id: "manufacturer", label: "Manufacturer", hint: "Of every device in the file, when it has no Manufacturer name column.", value: form.manufacturer, errors: problemsOf("manufacturer"), maxLength: 100 })}
${textField({ id: "model", label: "Model", hint: "Of every device in the file, when it has no Device model column.", value: form.model, errors: problemsOf("model"), maxLength: 100 })}
<div class="actions"><button type="submit">Upload devices</button></div>
</form>`;
}

/** `line 7.Hardware Hash` → "Line 7, Hardware Hash"; the make and model fields name the form's own inputs. */
function problemLabel(field: string): string {
  const line = /^line (\d+)(?:\.(.+))?$/.exec(field);
  if (line) return line[2] ? `Line ${line[1]}, ${line[2]}` : `Line ${line[1]}`;
  if (field === "manufacturer") return "Manufacturer";
  if (field === "model") return "Model";
  return "The file";
}

function problemsNotice(problems: readonly FieldError[]): SafeHtml {
  return html`<div class="notice notice--error" role="alert" data-upload-problems>
<p><strong>Nothing was registered.</strong> Fix ${problems.length === 1 ? "this" : "these"} in the file and upload it again:</p>
<ul>
${problems.map(
  (problem) => html`<li data-field="${problem.field}">${problemLabel(problem.field)}: ${problem.message}</li>
`
)}</ul>
</div>`;
}

function resultSection(result: UploadResult): SafeHtml {
  const lineOf = new Map(result.devices.map((device) => [device.row, device.line ?? device.row]));
  return html`<section aria-labelledby="result-title" data-upload-result>
<h2 id="result-title">Upload result</h2>
<div class="notice notice--success" role="status"><p><strong data-field="registeredCount">${result.registeredCount}</strong> registered, <strong data-field="duplicateCount">${result.duplicateCount}</strong> already registered (not written again).</p></div>
<table class="stack">
<caption class="visually-hidden">What happened to each line of the file</caption>
<thead><tr><th scope="col">Line</th><th scope="col">Serial number</th><th scope="col">Outcome</th></tr></thead>
<tbody>
${result.devices.map(
  (
    device
  ) => html`<tr data-outcome="${device.outcome}"><td data-label="Line">${device.line ?? device.row}</td><th scope="row" data-label="Serial number">${device.serialNumber}</th><td data-label="Outcome">${outcomeText(device, lineOf)}</td></tr>
`
)}</tbody>
</table>
</section>`;
}

function outcomeText(device: DeviceOutcome, lineOf: ReadonlyMap<number, number>): SafeHtml | string {
  const duplicate = device.duplicateOf;
  if (device.outcome === "registered" || !duplicate) return "Registered";
  if (duplicate.kind === "row")
    return `Duplicate: the same device as line ${lineOf.get(duplicate.row) ?? duplicate.row}`;
  if (duplicate.kind === "yours")
    return html`Already registered by you on ${timeElement(duplicate.registeredDateTime)}`;
  return "Already registered for this customer by another OEM";
}

function registeredList(view: OemDevicesView): SafeHtml {
  if (!view.devices) return html`<p class="muted">You have not registered devices for this customer.</p>`;
  if (view.devices.length === 0) return html`<p class="muted" data-empty-list>None yet. Upload a CSV file above.</p>`;
  return html`<table class="stack device-list">
<caption class="visually-hidden">Devices you registered for this customer, newest first</caption>
<thead><tr><th scope="col">Serial number</th><th scope="col">Manufacturer and model</th><th scope="col">Windows product ID</th><th scope="col">Registered</th></tr></thead>
<tbody>
${view.devices.map(
  (
    device
  ) => html`<tr data-row-id="${device.id}"><th scope="row" data-label="Serial number">${device.serialNumber}</th><td data-label="Manufacturer and model">${device.manufacturer} ${device.model}</td><td data-label="Windows product ID">${device.windowsProductId ?? "—"}</td><td data-label="Registered">${timeElement(device.registeredDateTime)}${device.registeredBy.userDisplayName && html`<span class="muted cell-detail"> by ${device.registeredBy.userDisplayName}</span>`}</td></tr>
`
)}</tbody>
</table>
${view.nextPageUrl && html`<p><a href="${view.nextPageUrl}">Older devices</a></p>`}`;
}
