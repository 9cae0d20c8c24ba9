import { randomBytes } from "node:crypto";
import { HttpRequest } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/errors";
import { directoryScope, partnerRelationshipsScope, skipTokens } from "../../../shared/http/paging";

const secret = randomBytes(32);
const continuation = '{"token":"+RID:~q1E2AKrP3CsBAAAAAAAAAA==#RT:1#TRC:1","range":{"min":"","max":"FF"}}';
const partnerA = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const partnerB = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a02";

describe("skipTokens: signed, scoped paging tokens", () => {
  it("gives back the continuation of a token it handed out for the same scope", () => {
    const token = skipTokens(secret, partnerRelationshipsScope(partnerA, { status: "active" })).tokenFor(
      continuation
    ) as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(skipTokens(secret, partnerRelationshipsScope(partnerA, { status: "active" })).continuationOf(token)).toBe(
      continuation
    );
  });

  it("ignores the page size and absent filters when it compares scopes, and the order filters come in", () => {
    const token = skipTokens(
      secret,
      directoryScope({ name: "a", industry: "b", $top: 1, location: undefined })
    ).tokenFor(continuation);
    expect(
      skipTokens(secret, directoryScope({ industry: "b", name: "a", $top: 50, $skiptoken: "x" })).read(token)
    ).toEqual({ continuation });
  });

  it("refuses a token for another partner, other filters, another list or under another secret", () => {
    const token = skipTokens(secret, partnerRelationshipsScope(partnerA)).tokenFor(continuation);
    expect(skipTokens(secret, partnerRelationshipsScope(partnerB)).read(token)).toBeUndefined();
    expect(skipTokens(secret, partnerRelationshipsScope(partnerA, { status: "active" })).read(token)).toBeUndefined();
    expect(skipTokens(secret, directoryScope({})).read(token)).toBeUndefined();
    expect(skipTokens(randomBytes(32), partnerRelationshipsScope(partnerA)).read(token)).toBeUndefined();
  });

  it("refuses made-up, truncated and altered tokens with a ValidationError naming $skiptoken", () => {
    const paging = skipTokens(secret, directoryScope({}));
    const token = paging.tokenFor(continuation) as string;
    const [body, mac] = token.split(".") as [string, string];
    const altered = `${Buffer.from(continuation.replace("FF", "FE")).toString("base64url")}.${mac}`;
    for (const bad of [
      "eyJhIjoxfQ",
      "W10",
      '{"a":1}',
      ".",
      `${body}.`,
      `.${mac}`,
      token.slice(0, -1),
      `${token}A`,
      altered,
      `${body}.${"A".repeat(22)}`
    ]) {
      expect(paging.read(bad), bad).toBeUndefined();
      expect(() => paging.continuationOf(bad), bad).toThrow(ValidationError);
      try {
        paging.continuationOf(bad);
      } catch (error) {
        expect((error as ValidationError).errors.map((e) => e.field)).toEqual(["$skiptoken"]);
      }
    }
  });

  it("refuses every other spelling of a token, even one base64 would decode to the same bytes", () => {
    const paging = skipTokens(secret, directoryScope({}));
    const token = paging.tokenFor(continuation) as string;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (const position of [0, token.indexOf(".") - 1, token.length - 1]) {
      for (const letter of alphabet) {
        if (letter === token[position]) continue;
        const changed = `${token.slice(0, position)}${letter}${token.slice(position + 1)}`;
        expect(paging.read(changed), changed).toBeUndefined();
      }
    }
  });

  it("treats no token as the first page and hands out no token at the end of a list", () => {
    const paging = skipTokens(secret, directoryScope({}));
    expect(paging.continuationOf(undefined)).toBeUndefined();
    expect(paging.continuationOf("")).toBeUndefined();
    expect(paging.tokenFor(undefined)).toBeUndefined();
    expect(
      paging.nextLink(new HttpRequest({ method: "GET", url: "https://x.example/api/partners" }), undefined)
    ).toBeUndefined();
  });

  it("builds the next link from the request, replacing the token it came with", () => {
    const paging = skipTokens(secret, directoryScope({ name: "a" }));
    const request = new HttpRequest({ method: "GET", url: "https://x.example/partners?name=a&page=old" });
    const link = paging.nextLink(request, continuation, "page") as string;
    const url = new URL(link, "https://x.example");
    expect(url.pathname).toBe("/partners");
    expect(url.searchParams.getAll("page")).toHaveLength(1);
    expect(paging.read(url.searchParams.get("page") ?? "")).toEqual({ continuation });
  });
});
