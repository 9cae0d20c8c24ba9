/**
 * The Windows Autopilot device CSV, as Get-WindowsAutopilotInfo writes it and Intune imports it: a header line
 * `Device Serial Number,Windows Product ID,Hardware Hash`, optionally followed by `Group Tag` and `Assigned User`
 * (newer layouts), and Partner Center's `Manufacturer name` and `Device model`. Headers are matched without regard
 * to case or surrounding spaces; any other column is refused by name. Group Tag and Assigned User are accepted and
 * not kept: they are the customer's own settings in Intune, and an assigned user's sign-in name is personal data
 * an OEM has no need to hand us. A file without the manufacturer and model columns takes them from `defaults`
 * (the upload form, or the API's query), since an OEM's upload is usually one model.
 */
import type { FieldError } from "../errors";
import { maxDevicesPerUpload, type DeviceField, type DeviceInput } from "../domain/oem-devices";
import { parseCsv } from "./csv-text";

export interface CsvDefaults {
  readonly manufacturer?: string;
  readonly model?: string;
}

export interface CsvDevice {
  readonly line: number;
  readonly input: DeviceInput;
}

export type AutopilotCsv =
  | { readonly ok: true; readonly devices: readonly CsvDevice[] }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

type Column = DeviceField | "groupTag" | "assignedUser";

/** The header each value is read from, as the layout spells it: also the name a problem is reported under. */
export const columnHeaders: Readonly<Record<Column, string>> = {
  serialNumber: "Device Serial Number",
  windowsProductId: "Windows Product ID",
  hardwareHash: "Hardware Hash",
  groupTag: "Group Tag",
  assignedUser: "Assigned User",
  manufacturer: "Manufacturer name",
  model: "Device model"
};

const requiredColumns: readonly Column[] = ["serialNumber", "windowsProductId", "hardwareHash"];
const columnsByHeader = new Map(
  Object.entries(columnHeaders).map(([column, header]) => [header.toLowerCase(), column as Column])
);

export function readAutopilotCsv(text: string, defaults: CsvDefaults = {}): AutopilotCsv {
  if (text.includes("\u0000"))
    return failed(
      "body",
      "must be UTF-8 (or plain ASCII) text; this file looks like UTF-16. Save it as CSV UTF-8 and upload it again."
    );
  const parsed = parseCsv(text);
  if (!parsed.ok) return failed(`line ${parsed.line}`, parsed.message);
  const [header, ...rows] = parsed.records;
  if (!header)
    return failed(
      "body",
      `is empty: the first line must be the header ${requiredColumns.map((column) => columnHeaders[column]).join(",")}.`
    );

  const errors: FieldError[] = [];
  const columns = readHeader(header.cells, header.line, errors);
  for (const needed of (["manufacturer", "model"] as const).filter(
    (column) => !columns.includes(column) && !defaults[column]
  )) {
    errors.push({
      field: needed,
      message: `is needed: add a "${columnHeaders[needed]}" column to the file, or give the ${needed} of every device in it.`
    });
  }
  if (rows.length > maxDevicesPerUpload)
    errors.push({
      field: "body",
      message: `holds ${rows.length} devices; an upload takes at most ${maxDevicesPerUpload.toLocaleString("en")}. Split the file.`
    });
  if (rows.length === 0) errors.push({ field: "body", message: "has a header but no devices." });
  if (errors.length > 0) return { ok: false, errors };

  const devices: CsvDevice[] = [];
  for (const row of rows) {
    if (row.cells.length > columns.length) {
      errors.push({
        field: `line ${row.line}`,
        message: `has ${row.cells.length} values but the header names ${columns.length} columns; a value holding a comma must be in double quotes.`
      });
      continue;
    }
    const value = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? undefined : row.cells[index]?.trim() || undefined;
    };
    const input: DeviceInput = {
      serialNumber: value("serialNumber"),
      windowsProductId: value("windowsProductId"),
      hardwareHash: value("hardwareHash"),
      manufacturer: value("manufacturer") ?? defaults.manufacturer,
      model: value("model") ?? defaults.model
    };
    devices.push({ line: row.line, input });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, devices };
}

/** Where a problem with one value of a row is reported: `line 7.Hardware Hash`. */
export function csvField(line: number, field: DeviceField): string {
  return `line ${line}.${columnHeaders[field]}`;
}

function readHeader(cells: readonly string[], line: number, errors: FieldError[]): Column[] {
  const columns: Column[] = [];
  for (const cell of cells) {
    // Echoed in the answer: a long cell (a hash where a header should be) is cut short.
    const name = cell.trim().slice(0, 40);
    const column = columnsByHeader.get(name.toLowerCase());
    if (!column)
      errors.push({
        field: `line ${line}`,
        message: `"${name}" is not a column of the Windows Autopilot layout (${Object.values(columnHeaders).join(", ")}).`
      });
    else if (columns.includes(column))
      errors.push({ field: `line ${line}`, message: `names the column "${name}" twice.` });
    else columns.push(column);
  }
  for (const missing of requiredColumns.filter((column) => !columns.includes(column))) {
    errors.push({
      field: `line ${line}`,
      message: `lacks the column "${columnHeaders[missing]}": the header must begin ${requiredColumns.map((column) => columnHeaders[column]).join(",")}.`
    });
  }
  return columns;
}

function failed(field: string, message: string): AutopilotCsv {
  return { ok: false, errors: [{ field, message }] };
}
