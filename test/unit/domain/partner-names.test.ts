import { describe, expect, it } from "vitest";
import { confusables } from "../../../shared/domain/confusables";
import { mixedScriptWord, nameSkeleton, skeletonWords } from "../../../shared/domain/name-skeleton";
import { partnerNameProblem, reservedNameIn, reservedPartnerNames } from "../../../shared/domain/partner-names";

describe("nameSkeleton", () => {
  it("gives look-alikes of Microsoft the skeleton of Microsoft", () => {
    const microsoft = nameSkeleton("Microsoft");
    const lookAlikes = [
      "MICROSOFT", // case
      "Місrosoft", // Cyrillic М, і, с
      "Μicrοsοft", // Greek Μ and ο
      "Ｍｉｃｒｏｓｏｆｔ", // fullwidth
      "𝐌𝐢𝐜𝐫𝐨𝐬𝐨𝐟𝐭", // mathematical bold
      "Mícrösöft", // accents
      "Micr0s0ft", // zero for o
      "M1crosoft", // one for i
      "MlCROSOFT", // lower-case l for I
      "rnicrosoft", // rn for m
      "Micro$oft", // dollar for s
      "Micro soft", // a space
      "Micro-soft", // punctuation
      "Micro\u200bsoft" // a zero-width space
    ];
    for (const name of lookAlikes)
      expect({ name, skeleton: nameSkeleton(name) }).toEqual({ name, skeleton: microsoft });
  });

  it("keeps names that only share letters apart, and keeps other scripts' letters", () => {
    expect(nameSkeleton("Contoso")).not.toBe(nameSkeleton("Contoro"));
    expect(nameSkeleton("Fabrikam IT")).not.toBe(nameSkeleton("Fabrikam IT Services"));
    expect(nameSkeleton("株式会社コントソ")).toBe("株式会社コントソ");
    expect(nameSkeleton("Контосо")).not.toBe(""); // a wholly Cyrillic name keeps a skeleton of its own
    expect(nameSkeleton("!!! ---")).toBe("");
  });

  it("splits the skeleton into words at spaces and punctuation", () => {
    expect(skeletonWords("MICROSOFT support")).toEqual(["mlcrosoft", "support"]);
    expect(skeletonWords("Contoso, Office & Co.")).toEqual(["contoso", "offlce", "co"]);
  });

  it("maps every entry of the confusables table to lower-case ASCII", () => {
    for (const [character, prototype] of confusables) {
      expect({ character, prototype }).toEqual({ character, prototype: expect.stringMatching(/^[a-z]{1,2}$/) });
    }
  });
});

describe("mixedScriptWord", () => {
  it("finds a word that mixes Latin with Cyrillic or Greek letters", () => {
    expect(mixedScriptWord("Місrosoft Partners")).toEqual({
      word: "Місrosoft",
      scripts: expect.arrayContaining(["Latin", "Cyrillic"])
    });
    expect(mixedScriptWord("Contοso")).toEqual({
      word: "Contοso",
      scripts: expect.arrayContaining(["Latin", "Greek"])
    });
  });

  it("lets each word keep to its own script, and ignores scripts that pass for no Latin letter", () => {
    expect(mixedScriptWord("Контосо Partners")).toBeUndefined();
    expect(mixedScriptWord("Contoso 株式会社")).toBeUndefined();
    expect(mixedScriptWord("Contoso 365")).toBeUndefined();
  });
});

describe("reserved names", () => {
  it("refuses Microsoft's names and names containing them, however they are spelled", () => {
    for (const name of [
      "Microsoft",
      "Microsoft Support",
      "MICROSOFT support",
      "Ｍｉｃｒｏｓｏｆｔ Support",
      "Micr0soft Helpdesk",
      "Contoso for Microsoft 365",
      "MSFT Support",
      "Azure Experts",
      "AzureExperts",
      "Windows Team",
      "Partner Center Help",
      "PartnerCenter",
      "Office Support",
      "Entra Admins"
    ]) {
      expect({ name, reserved: reservedNameIn(name) }).toEqual({
        name,
        reserved: expect.objectContaining({ name: expect.any(String) })
      });
    }
  });

  it("refuses generic names as the whole name only", () => {
    for (const name of [
      "Support",
      "SUPPORT",
      "Security Team",
      "Security team",
      "IT Support",
      "Admin",
      "Administrator",
      "Help Desk",
      "Supp0rt"
    ]) {
      expect({ name, reserved: reservedNameIn(name)?.match }).toEqual({ name, reserved: "whole" });
    }
    for (const name of ["Contoso Support", "Fabrikam Security", "Northwind Admin Services"])
      expect({ name, reserved: reservedNameIn(name) }).toEqual({ name, reserved: undefined });
  });

  it("refuses Office and Entra as words, not as parts of ordinary words", () => {
    expect(reservedNameIn("Contoso Officers Club")).toBeUndefined();
    expect(reservedNameIn("Centralpoint IT")).toBeUndefined();
    expect(reservedNameIn("Entrada Consulting")).toBeUndefined();
    expect(reservedNameIn("Contoso Office")?.name).toBe("Office");
  });

  it("keeps the list small and documented: every entry has a match kind", () => {
    expect(reservedPartnerNames.length).toBeLessThan(50);
    for (const entry of reservedPartnerNames) expect(["anywhere", "word", "whole"]).toContain(entry.match);
  });
});

describe("partnerNameProblem", () => {
  it("accepts ordinary partner names, in any script", () => {
    for (const name of [
      "Contoso Cloud Partners",
      "Fabrikam IT Services",
      "Northwind & Co.",
      "Контосо Партнёры",
      "株式会社コントソ"
    ]) {
      expect({ name, problem: partnerNameProblem(name) }).toEqual({ name, problem: undefined });
    }
  });

  it("names the reason for each refusal", () => {
    expect(partnerNameProblem("Місrosoft")).toMatch(
      /mixes letters of the (Latin and Cyrillic|Cyrillic and Latin) scripts/
    );
    expect(partnerNameProblem("MICROSOFT support")).toMatch(/reads as "Microsoft/);
    expect(partnerNameProblem("Ｍｉｃｒｏｓｏｆｔ")).toMatch(/reserved/);
    expect(partnerNameProblem("Support")).toMatch(/does not say who you are/);
    expect(partnerNameProblem("Contoso\u202eenilno")).toMatch(/invisible/);
    expect(partnerNameProblem("Con\u200btoso")).toMatch(/invisible/);
    expect(partnerNameProblem("C")).toMatch(/2 to 100 characters/);
    expect(partnerNameProblem("x".repeat(101))).toMatch(/2 to 100 characters/);
    expect(partnerNameProblem("-- --")).toMatch(/letters or digits/);
  });
});
