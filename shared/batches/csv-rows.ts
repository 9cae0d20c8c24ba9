/**
 * A bulk invitation CSV as the page takes it: a header row naming the columns (tenant id, admin email and, if you
 * like, display name, in any order and case: `tenantId`, `Tenant ID`, `tenant_id`…), then one customer per row.
 * Fields are separated by commas, semicolons (what spreadsheets write where the decimal mark is a comma) or tabs,
 * whichever the header uses; RFC 4180 quoting ("a, b", "say ""hi""", line breaks inside quotes). Blank lines are
 * skipped and other columns ignored. Pure: text in (already decoded), rows out, or one sentence saying what is wrong.
 */
import { maxBatchRows } from "../domain/invitation-batches";

export interface CsvCustomer {
  readonly tenantId?: string;
  readonly adminEmail?: string;
  readonly displayName?: string;
}

export type CsvResult =
  | { readonly ok: true; readonly rows: readonly CsvCustomer[]; readonly ignoredColumns: readonly string[] }
  | { readonly ok: false; readonly message: string };

type Column = keyof CsvCustomer;

const columnNames: Record<string, Column> = {
  tenantid: "tenantId",
  customertenantid: "tenantId",
  adminemail: "adminEmail",
  email: "adminEmail",
  customeradminemail: "adminEmail",
  displayname: "displayName",
  relationshipname: "displayName",
  name: "displayName"
};

export function parseCustomerCsv(text: string): CsvResult {
  const records = parseRecords(text.replace(/^\uFEFF/, ""));
  if (!records.ok) return records;
  const [header, ...data] = records.value.filter((record) => record.some((value) => value.trim() !== ""));
  if (!header)
    return {
      ok: false,
      message:
        "The file is empty: it needs a header row (tenant id, admin email, display name) and one row per customer."
    };
  const columns = header.map(
    (name) =>
      columnNames[
        name
          .trim()
          .toLowerCase()
          .replace(/[\s_-]+/g, "")
      ]
  );
  const missing = (["tenantId", "adminEmail"] as const).filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The header row has no ${missing.map((column) => (column === "tenantId" ? "tenant id" : "admin email")).join(" or ")} column. The first row must name the columns: tenant id, admin email and, if you like, display name.`
    };
  }
  const repeated = columns.find((column, index) => column !== undefined && columns.indexOf(column) !== index);
  if (repeated) return { ok: false, message: `The header row names the ${repeated} column twice.` };
  if (data.length === 0) return { ok: false, message: "The file has a header row but no customers." };
  if (data.length > maxBatchRows) {
    const count = records.cut
      ? `more than ${data.length.toLocaleString("en-GB")}`
      : data.length.toLocaleString("en-GB");
    return {
      ok: false,
      message: `The file has ${count} customers; a batch takes at most ${maxBatchRows.toLocaleString("en-GB")}. Split it into several files.`
    };
  }
  const rows = data.map((record) => {
    const row: Partial<Record<Column, string>> = {};
    columns.forEach((column, index) => {
      const value = record[index]?.trim();
      if (column && value) row[column] = value;
    });
    return row;
  });
  const ignoredColumns = header.filter((_, index) => columns[index] === undefined).map((name) => name.trim());
  return { ok: true, rows, ignoredColumns };
}

/** The separator the header line uses most, outside quotes: comma, semicolon or tab. */
function separatorOf(text: string): string {
  const counts = new Map([",", ";", "\t"].map((separator) => [separator, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === "\n" || character === "\r")) break;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [",", 0])[0];
}

/** `cut`: the file went on past twice a batch's rows and was not read further. */
function parseRecords(text: string): { ok: true; value: string[][]; cut: boolean } | { ok: false; message: string } {
  const separator = separatorOf(text);
  const records: string[][] = [];
  let record: string[] = [];
  let value = "";
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const character = text[i] as string;
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        value += '"';
        i += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        if (character === "\n") line += 1;
        value += character;
      }
    } else if (character === '"' && value.trim() === "") {
      quoted = true;
      value = "";
    } else if (character === separator) {
      record.push(value);
      value = "";
    } else if (character === "\n" || character === "\r") {
      if (character === "\r" && text[i + 1] === "\n") i += 1;
      record.push(value);
      records.push(record);
      record = [];
      value = "";
      line += 1;
    } else {
      value += character;
    }
    // A file far past a batch's 1,000 rows is refused without reading it all.
    if (records.length > maxBatchRows * 2 + 1) return { ok: true, value: records, cut: true };
  }
  if (quoted)
    return {
      ok: false,
      message: `A quoted value opened on or before line ${line} is never closed: check the quotation marks.`
    };
  if (value !== "" || record.length > 0) records.push([...record, value]);
  return { ok: true, value: records, cut: false };
}
