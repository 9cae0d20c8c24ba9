import { describe, expect, it } from "vitest";
import { readBearerToken } from "../../../shared/auth/bearer-token";
import { AuthenticationError } from "../../../shared/errors";

const token = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl";

describe("readBearerToken", () => {
  it("returns the token of a Bearer header, whatever the scheme's case", () => {
    expect(readBearerToken(`Bearer ${token}`)).toBe(token);
    expect(readBearerToken(`bearer ${token}`)).toBe(token);
    expect(readBearerToken(`  BEARER  ${token}  `)).toBe(token);
  });

  it("refuses a missing or empty header", () => {
    for (const header of [undefined, null, "", "  "]) {
      expect(() => readBearerToken(header)).toThrow(AuthenticationError);
      expect(() => readBearerToken(header)).toThrow(/missing/);
    }
  });

  it("refuses other schemes and bare tokens without echoing them", () => {
    for (const header of [
      token,
      `Basic ${token}`,
      `Bearer`,
      `Bearer ${token} ${token}`,
      `Bearer${token}`,
      `Bearer "${token}"`
    ]) {
      let message = "";
      try {
        readBearerToken(header);
      } catch (error) {
        expect(error).toBeInstanceOf(AuthenticationError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/Bearer token/);
      expect(message).not.toContain(token);
    }
  });
});
