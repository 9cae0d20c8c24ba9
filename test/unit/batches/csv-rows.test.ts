import { describe, expect, it } from "vitest";
import { parseCustomerCsv } from "../../../shared/batches/csv-rows";
import { decodeText } from "../../../shared/pages/forms";

const t1 = "0a1b2c3d-0000-4000-8000-000000000001";
const t2 = "0a1b2c3d-0000-4000-8000-000000000002";

describe("the bulk invitation CSV", () => {
  it("reads a header row in any order and case, then one customer per row; blank lines skipped, other columns ignored", () => {
    const result = parseCustomerCsv(
      `Admin Email,Tenant ID,Display name,Notes\r\nadmin@one.example,${t1},Contoso helpdesk,x\r\n\r\nadmin@two.example, ${t2} ,,y\r\n`
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { tenantId: t1, adminEmail: "admin@one.example", displayName: "Contoso helpdesk" },
        { tenantId: t2, adminEmail: "admin@two.example" }
      ],
      ignoredColumns: ["Notes"]
    });
  });

  it("takes semicolons or tabs when the header uses them, and RFC 4180 quotes with separators, quotes and line breaks inside", () => {
    expect(parseCustomerCsv(`tenant_id;admin_email;name\n${t1};a@one.example;"Contoso; ""Helpdesk"""`)).toMatchObject({
      ok: true,
      rows: [{ tenantId: t1, adminEmail: "a@one.example", displayName: 'Contoso; "Helpdesk"' }]
    });
    expect(parseCustomerCsv(`tenantId\tadminEmail\n${t1}\ta@one.example\n`)).toMatchObject({
      ok: true,
      rows: [{ tenantId: t1, adminEmail: "a@one.example" }]
    });
    expect(parseCustomerCsv(`tenantId,adminEmail,displayName\n${t1},a@one.example,"two\nlines"`)).toMatchObject({
      ok: true,
      rows: [{ displayName: "two\nlines" }]
    });
  });

  it("keeps a row with a missing or malformed value as it is, for the rules to report", () => {
    expect(parseCustomerCsv(`tenantId,adminEmail\nnot-a-guid\n${t2},b@two.example`)).toMatchObject({
      ok: true,
      rows: [{ tenantId: "not-a-guid" }, { tenantId: t2 }]
    });
  });

  it("says what is wrong with a file that is no customer list: empty, no header, a column missing or twice, an open quote", () => {
    const message = (text: string) => {
      const result = parseCustomerCsv(text);
      return result.ok ? "" : result.message;
    };
    expect(message("")).toContain("empty");
    expect(message(`${t1},a@one.example`)).toContain("no tenant id or admin email column");
    expect(message("tenantId,name\n")).toContain("no admin email column");
    expect(message("tenantId,adminEmail,email\n")).toContain("adminEmail column twice");
    expect(message("tenantId,adminEmail\n")).toContain("no customers");
    expect(message(`tenantId,adminEmail\n${t1},"a@one.example\n`)).toContain("never closed");
  });

  it("refuses more than 1,000 customers, counting them, and stops reading a file far longer", () => {
    const lines = (n: number) =>
      ["tenantId,adminEmail", ...Array.from({ length: n }, (_, i) => `${t1},a${i}@one.example`)].join("\n");
    expect(parseCustomerCsv(lines(1000)).ok).toBe(true);
    expect(parseCustomerCsv(lines(1001))).toEqual({
      ok: false,
      message: "The file has 1,001 customers; a batch takes at most 1,000. Split it into several files."
    });
    const huge = parseCustomerCsv(lines(100_000));
    expect(huge.ok ? "" : huge.message).toMatch(/^The file has more than 2,001 customers/);
  });

  it("decodes UTF-8 with or without a byte-order mark and UTF-16 with one; refuses anything else", () => {
    const text = "tenantId,adminEmail,name\nx,y,Zoë";
    expect(decodeText(Buffer.from(text, "utf8"), "csv")).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), "csv")).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "csv")).toBe(text);
    expect(() => decodeText(Buffer.from([0x5a, 0x6f, 0xeb]), "csv")).toThrow(/UTF-8 or UTF-16/);
  });
});
