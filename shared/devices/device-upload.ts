/**
 * One upload of devices, checked as a whole before anything is stored: every row is checked, and any problem in
 * any row refuses the upload with a 400 that names each row and field (a JSON list by `devices.<index>.<field>`, a
 * CSV file by `line <n>.<column>`), so nothing is ever half registered. The answer lists at most 100 problems, with
 * a count of the rest: a file that is wrong throughout needs fixing as a whole, not a 1,000-line answer.
 */
import { ValidationError, type FieldError } from "../errors";
import {
  checkDevice,
  maxDevicesPerUpload,
  type DeviceField,
  type DeviceInput,
  type NormalizedDevice
} from "../domain/oem-devices";
import { csvField, readAutopilotCsv, type CsvDefaults } from "./autopilot-csv";

export interface UploadEntry {
  readonly input: DeviceInput;
  /** The CSV line the device came from; absent for a JSON list. */
  readonly line?: number;
}

export interface UploadRow {
  /** 1-based position in the upload: the list's index + 1, or the CSV's data row. */
  readonly row: number;
  readonly line?: number;
  readonly device: NormalizedDevice;
}

export const maxReportedProblems = 100;

/** Names a problem with one value: the JSON path or the CSV line and column. */
export type FieldNamer = (entry: UploadEntry, index: number, field: DeviceField) => string;

export const jsonField: FieldNamer = (_entry, index, field) => `devices.${index}.${field}`;
const csvLineField: FieldNamer = (entry, _index, field) => csvField(entry.line ?? 0, field);

/** A Windows Autopilot CSV file (the API's text/csv body, or the file from the upload page), checked as a whole. */
export function checkCsvUpload(text: string, defaults: CsvDefaults): UploadRow[] {
  const csv = readAutopilotCsv(text, {
    manufacturer: defaults.manufacturer?.trim() || undefined,
    model: defaults.model?.trim() || undefined
  });
  if (!csv.ok) throw new ValidationError(capped(csv.errors));
  return checkUpload(csv.devices, csvLineField);
}

export function checkUpload(entries: readonly UploadEntry[], fieldName: FieldNamer): UploadRow[] {
  if (entries.length === 0)
    throw new ValidationError([{ field: "devices", message: "must hold at least one device." }]);
  if (entries.length > maxDevicesPerUpload) {
    throw new ValidationError([
      {
        field: "devices",
        message: `holds ${entries.length} devices; an upload takes at most ${maxDevicesPerUpload.toLocaleString("en")}.`
      }
    ]);
  }
  const rows: UploadRow[] = [];
  const problems: FieldError[] = [];
  entries.forEach((entry, index) => {
    const checked = checkDevice(entry.input);
    if (checked.ok)
      rows.push({ row: index + 1, ...(entry.line === undefined ? {} : { line: entry.line }), device: checked.device });
    else
      for (const problem of checked.problems)
        problems.push({ field: fieldName(entry, index, problem.field), message: problem.message });
  });
  if (problems.length > 0) throw new ValidationError(capped(problems));
  return rows;
}

function capped(problems: readonly FieldError[]): FieldError[] {
  if (problems.length <= maxReportedProblems) return [...problems];
  const rest = problems.length - maxReportedProblems;
  return [
    ...problems.slice(0, maxReportedProblems),
    {
      field: "body",
      message: `and ${rest} more ${rest === 1 ? "problem" : "problems"} not listed here; nothing was registered.`
    }
  ];
}
