import { describe, expect, it } from "vitest";
import {
  normalizeDomain,
  validateApplication,
  type ApplicationInput
} from "../../../shared/domain/partner-application-rules";

const valid: ApplicationInput = {
  legalName: "  Adventure   Works Consulting Ltd ",
  partnerId: " 1234567 ",
  verifiedDomain: "Adventure-Works.EXAMPLE.",
  contact: { name: "Ada Admin", email: "Ada@Adventure-Works.EXAMPLE", phone: "+44 20 7946 0000" },
  displayName: "Adventure Works"
};

const fieldsOf = (input: ApplicationInput) => {
  const result = validateApplication(input);
  return result.ok ? [] : result.errors.map((error) => error.field).sort();
};

describe("validateApplication", () => {
  it("accepts a complete application and normalises it", () => {
    const result = validateApplication(valid);
    expect(result).toEqual({
      ok: true,
      value: {
        legalName: "Adventure Works Consulting Ltd",
        partnerId: "1234567",
        verifiedDomain: "adventure-works.example",
        contact: { name: "Ada Admin", email: "Ada@adventure-works.example", phone: "+44 20 7946 0000" },
        displayName: "Adventure Works"
      }
    });
  });

  it("names every field that is wrong, in one go", () => {
    expect(
      fieldsOf({
        legalName: "\u202e",
        partnerId: "MPN-12",
        verifiedDomain: "https://contoso.com/",
        contact: { name: " ", email: "a@b.example", phone: "call me" },
        displayName: "Microsoft Support"
      })
    ).toEqual(["contact.name", "contact.phone", "displayName", "legalName", "partnerId", "verifiedDomain"]);
  });

  it("takes a Partner ID of 6 to 10 digits only", () => {
    expect(fieldsOf({ ...valid, partnerId: "12345" })).toEqual(["partnerId"]);
    expect(fieldsOf({ ...valid, partnerId: "12345678901" })).toEqual(["partnerId"]);
    expect(fieldsOf({ ...valid, partnerId: "123456" })).toEqual([]);
    expect(fieldsOf({ ...valid, partnerId: "１２３４５６７" })).toEqual(["partnerId"]);
  });

  it("leaves the phone out when none is given", () => {
    const result = validateApplication({ ...valid, contact: { name: "Ada", email: "ada@x.example" } });
    expect(result.ok && result.value.contact).toEqual({ name: "Ada", email: "ada@x.example" });
  });
});

describe("normalizeDomain", () => {
  it("accepts DNS names and gives them in lower-case ASCII", () => {
    expect(normalizeDomain("contoso.com")).toBe("contoso.com");
    expect(normalizeDomain("Contoso.onmicrosoft.com")).toBe("contoso.onmicrosoft.com");
    expect(normalizeDomain("mail.contoso.co.uk.")).toBe("mail.contoso.co.uk");
    // An internationalised name is shown in punycode, where a look-alike cannot hide.
    expect(normalizeDomain("mícrosoft.com")).toBe("xn--mcrosoft-c2a.com");
  });

  it("refuses what is not a domain", () => {
    for (const text of [
      "contoso",
      "contoso.c",
      "-contoso.com",
      "contoso-.com",
      "con_toso.com",
      "contoso..com",
      "https://contoso.com",
      "admin@contoso.com",
      "contoso.com/path",
      "192.168.0.1",
      `${"a".repeat(64)}.com`,
      ""
    ]) {
      expect({ text, domain: normalizeDomain(text) }).toEqual({ text, domain: undefined });
    }
  });
});
