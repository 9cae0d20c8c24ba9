import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/errors";
import { readAutopilotCsv } from "../../../shared/devices/autopilot-csv";
import { parseCsv } from "../../../shared/devices/csv-text";
import { checkCsvUpload, checkUpload, jsonField } from "../../../shared/devices/device-upload";

const hash = () => randomBytes(3_000).toString("base64");
const header = "Device Serial Number,Windows Product ID,Hardware Hash";
const make = { manufacturer: "Contoso", model: "Book 3" };

function fieldsOf(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("CSV text", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, any line ending, and drops a byte order mark", () => {
    const parsed = parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n"two\nlines",x\ry\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ["a", "b, c", 'say "hi"'] },
        { line: 2, cells: ["two\nlines", "x"] },
        { line: 4, cells: ["y"] }
      ]
    });
  });

  it("skips blank lines and lines of empty cells (Excel's trailing ,,), and keeps an empty quoted last cell", () => {
    expect(parseCsv('a,b\n\n,,\n"",""')).toEqual({ ok: true, records: [{ line: 1, cells: ["a", "b"] }] });
    expect(parseCsv('a,""')).toEqual({ ok: true, records: [{ line: 1, cells: ["a", ""] }] });
  });

  it("names the line of a quote never closed, and of text after a closing quote", () => {
    expect(parseCsv('a\nb,"open\nstill open')).toEqual({
      ok: false,
      line: 2,
      message: expect.stringMatching(/never closed/)
    });
    expect(parseCsv('a\n"x"y,z')).toEqual({
      ok: false,
      line: 2,
      message: expect.stringMatching(/after a closing quote/)
    });
  });
});

describe("the Windows Autopilot layout", () => {
  it("reads the three columns in any case, with Group Tag and Assigned User accepted and not kept, and the file's make and model", () => {
    const first = hash();
    const read = readAutopilotCsv(
      `device serial number , WINDOWS PRODUCT ID,Hardware Hash,Group Tag,Assigned User\nSN1,,${first},Sales,ada@customer.example\n`,
      make
    );
    expect(read).toEqual({
      ok: true,
      devices: [{ line: 2, input: { serialNumber: "SN1", windowsProductId: undefined, hardwareHash: first, ...make } }]
    });
    expect(JSON.stringify(read)).not.toMatch(/Sales|ada@/);
  });

  it("prefers Partner Center's make and model columns, and uses the file's where a cell is empty", () => {
    const read = readAutopilotCsv(
      `${header},Manufacturer name,Device model\nSN1,,${hash()},Lenovo,X1\nSN2,,${hash()},,\n`,
      make
    );
    expect(read.ok && read.devices.map((d) => [d.input.manufacturer, d.input.model])).toEqual([
      ["Lenovo", "X1"],
      ["Contoso", "Book 3"]
    ]);
  });

  it("refuses a header without the layout's columns, with an unknown or repeated one, and a row with more values than columns", () => {
    const errorsOf = (text: string) => {
      const read = readAutopilotCsv(text, make);
      return read.ok ? [] : read.errors.map((e) => `${e.field}: ${e.message}`);
    };
    expect(errorsOf("Serial,Hash\nSN1,QUJD\n")).toEqual([
      expect.stringMatching(/^line 1: "Serial" is not a column/),
      expect.stringMatching(/^line 1: "Hash" is not a column/),
      expect.stringMatching(/^line 1: lacks the column "Device Serial Number"/),
      expect.stringMatching(/^line 1: lacks the column "Windows Product ID"/),
      expect.stringMatching(/^line 1: lacks the column "Hardware Hash"/)
    ]);
    expect(errorsOf(`${header},Hardware Hash\n`)).toEqual([
      expect.stringMatching(/names the column "Hardware Hash" twice/),
      expect.stringMatching(/no devices/)
    ]);
    expect(errorsOf(`${header}\nSN1,,QUJD,extra\n`)).toEqual([
      expect.stringMatching(/^line 2: has 4 values but the header names 3 columns/)
    ]);
    expect(errorsOf("")).toEqual([expect.stringMatching(/^body: is empty/)]);
  });

  it("asks once for the make and model of a file without those columns, and says a UTF-16 file is not UTF-8", () => {
    const read = readAutopilotCsv(`${header}\nSN1,,${hash()}\n`);
    expect(read.ok ? [] : read.errors.map((e) => e.field)).toEqual(["manufacturer", "model"]);
    const utf16 = Buffer.from(`${header}\n`, "utf16le").toString("latin1");
    expect(readAutopilotCsv(utf16, make)).toMatchObject({
      ok: false,
      errors: [{ field: "body", message: expect.stringMatching(/UTF-16/) }]
    });
  });

  it("refuses 1,001 devices before reading any of them", () => {
    const lines = Array.from({ length: 1_001 }, (_, n) => `SN${n},,QUJD`);
    const read = readAutopilotCsv([header, ...lines].join("\n"), make);
    expect(read).toMatchObject({
      ok: false,
      errors: [{ field: "body", message: expect.stringMatching(/1001 devices/) }]
    });
  });
});

describe("an upload checked as a whole", () => {
  it("names each bad value by its CSV line and column, after the header's line", () => {
    const text = `${header}\nSN1,,${hash()}\nSN\u0001,,${hash()}\n\nSN3,1 2,QUJD\n`;
    expect(fieldsOf(() => checkCsvUpload(text, make))).toEqual([
      "line 3.Device Serial Number",
      "line 5.Hardware Hash",
      "line 5.Windows Product ID"
    ]);
  });

  it("numbers the rows of a good upload and keeps their lines", () => {
    const rows = checkCsvUpload(`${header}\nSN1,,${hash()}\n\nSN2,,${hash()}\n`, make);
    expect(rows.map((row) => [row.row, row.line, row.device.serialNumber])).toEqual([
      [1, 2, "SN1"],
      [2, 4, "SN2"]
    ]);
  });

  it("lists at most 100 problems and counts the rest", () => {
    const entries = Array.from({ length: 60 }, () => ({
      input: { serialNumber: "", hardwareHash: "x", manufacturer: "m", model: "m" }
    }));
    const fields = fieldsOf(() => checkUpload(entries, jsonField));
    expect(fields).toHaveLength(101);
    expect(fields.slice(0, 3)).toEqual(["devices.0.hardwareHash", "devices.0.serialNumber", "devices.1.hardwareHash"]);
    expect(fields[100]).toBe("body");
  });

  it("refuses an empty list", () => {
    expect(fieldsOf(() => checkUpload([], jsonField))).toEqual(["devices"]);
  });
});
