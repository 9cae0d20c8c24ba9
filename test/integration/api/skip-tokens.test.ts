/**
 * Paging tokens as a hostile client sends them (issue 10, item 1): a `$skiptoken` (API) or `page` (pages) that we
 * did not hand out, that was changed, or that was handed out for another list, another partner or other filters
 * is refused with a 400 naming it — never passed on to Cosmos DB, whose SDK throws on a malformed continuation.
 */
import { approvedPartner } from "../../helpers/partners";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, gdapInvitation, partnerAdmin, tokenFor, type ApiResponse } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { get, mainText, signIn, tenantStore, type Browser } from "../pages/pages-kit";

type Problem = { status: number; errors?: { field: string; message: string }[] };
type Page = { value: { id: string; name?: string }[]; "@odata.nextLink"?: string };

/** Base64url of JSON a client might make up: `{"a":1}`, `[]`, and a plausible-looking Cosmos continuation. */
const forged = [
  "eyJhIjoxfQ",
  "W10",
  Buffer.from('{"token":"+RID:~abc#RT:1","range":{"min":"","max":"FF"}}').toString("base64url"),
  "%7B%22a%22%3A1%7D",
  "x.y",
  "."
];

describe("paging tokens: only our own, for the same list", () => {
  let runtime: LocalRuntime;
  let partnerA: string;
  let partnerB: string;
  let browserA: Browser;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    partnerA = await tokenFor(runtime, partnerAdmin(demoPartnerTenants[0]));
    partnerB = await tokenFor(runtime, partnerAdmin(demoPartnerTenants[1]));
    browserA = await signIn(runtime, { tenantId: demoPartnerTenants[0], partnerAdmin: true });
    for (const tenant of [partnerA, partnerB]) {
      for (let i = 0; i < 3; i += 1)
        expect(
          (await call(runtime, "POST", "/api/relationships", { token: tenant, body: gdapInvitation() })).status
        ).toBe(201);
    }
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const fields = (response: ApiResponse<Problem>) => (response.body.errors ?? []).map((e) => e.field);
  const skip = (token: string) => (token.includes("%") ? token : encodeURIComponent(token));
  const nextOf = (response: ApiResponse<Page>) => response.body["@odata.nextLink"] as string;
  const skipTokenOf = (link: string) => new URL(link, runtime.url).searchParams.get("$skiptoken") as string;

  it("answers a made-up $skiptoken on the public directory with a 400 naming $skiptoken", async () => {
    for (const token of forged) {
      const response = await call<Problem>(runtime, "GET", `/api/partners?$skiptoken=${skip(token)}`);
      expect(response.status, token).toBe(400);
      expect(fields(response), token).toEqual(["$skiptoken"]);
    }
  });

  it("answers a made-up $skiptoken on a partner's list with a 400 naming $skiptoken", async () => {
    for (const token of forged) {
      const response = await call<Problem>(runtime, "GET", `/api/relationships?$skiptoken=${skip(token)}`, {
        token: partnerA
      });
      expect(response.status, token).toBe(400);
      expect(fields(response), token).toEqual(["$skiptoken"]);
    }
  });

  it("hands out opaque tokens that page through a list, and refuses one changed by a single character", async () => {
    const first = await call<Page>(runtime, "GET", "/api/relationships?$top=1", { token: partnerA });
    const token = skipTokenOf(nextOf(first));
    expect(() => JSON.parse(Buffer.from(token, "base64url").toString("utf8"))).toThrow();
    const second = await call<Page>(runtime, "GET", nextOf(first), { token: partnerA });
    expect(second.status).toBe(200);
    expect(second.body.value[0]?.id).not.toBe(first.body.value[0]?.id);
    const last = token.at(-1) === "A" ? "B" : "A";
    const changed = await call<Problem>(
      runtime,
      "GET",
      `/api/relationships?$top=1&$skiptoken=${token.slice(0, -1)}${last}`,
      { token: partnerA }
    );
    expect(changed.status).toBe(400);
    expect(fields(changed)).toEqual(["$skiptoken"]);
  });

  it("refuses partner A's token on partner B's list, and a token on other filters or another list", async () => {
    const first = await call<Page>(runtime, "GET", "/api/relationships?$top=1", { token: partnerA });
    const token = encodeURIComponent(skipTokenOf(nextOf(first)));
    const onB = await call<Problem>(runtime, "GET", `/api/relationships?$top=1&$skiptoken=${token}`, {
      token: partnerB
    });
    expect(onB.status).toBe(400);
    expect(fields(onB)).toEqual(["$skiptoken"]);
    const otherFilter = await call<Problem>(
      runtime,
      "GET",
      `/api/relationships?$top=1&status=active&$skiptoken=${token}`,
      { token: partnerA }
    );
    expect(fields(otherFilter)).toEqual(["$skiptoken"]);
    const directory = await call<Problem>(runtime, "GET", `/api/partners?$top=1&$skiptoken=${token}`);
    expect(fields(directory)).toEqual(["$skiptoken"]);

    const partners = await call<Page>(runtime, "GET", "/api/partners?$top=1");
    const partnersToken = encodeURIComponent(skipTokenOf(nextOf(partners)));
    expect((await call<Page>(runtime, "GET", nextOf(partners))).body.value[0]?.name).toBe("Fabrikam IT Services");
    expect(
      fields(
        await call<Problem>(runtime, "GET", `/api/partners?$top=1&partnerType=reseller&$skiptoken=${partnersToken}`)
      )
    ).toEqual(["$skiptoken"]);
  });

  it("keeps a next link well inside the length any proxy accepts", async () => {
    const first = await call<Page>(runtime, "GET", "/api/relationships?$top=1&status=approvalPending", {
      token: partnerA
    });
    expect(nextOf(first).length).toBeLessThan(1_000);
  });

  it("shows the directory page's 'page' problem as a message, not an error page", async () => {
    for (const token of forged) {
      const response = await get(runtime, `/partners?page=${skip(token)}`);
      expect(response.status, token).toBe(400);
      expect(response.text, token).toContain("That page of results is no longer available");
    }
  });

  it("pages the directory page with a Next page link that shows the next partners", async () => {
    const store = tenantStore(runtime);
    const industry = `Paging ${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 21; i += 1) {
      const tenantId = randomUUID();
      await store.registerPartner(approvedPartner(tenantId, `Paged partner ${i}`));
      await store.savePartnerProfile(tenantId, {
        name: `Paged partner ${String(i).padStart(2, "0")}`,
        industries: [industry],
        locations: ["Iceland"],
        partnerTypes: ["reseller"],
        contactEmail: "paged@partner.example",
        updatedDateTime: new Date().toISOString()
      });
    }
    const first = await get(runtime, `/partners?industry=${encodeURIComponent(industry)}`);
    expect(first.status).toBe(200);
    const next = /<a href="([^"]+)">Next page<\/a>/.exec(first.text)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toMatch(/^\/partners\?.*page=/);
    const second = await get(runtime, next as string);
    expect(second.status).toBe(200);
    expect(mainText(second.text)).toContain("Paged partner 20");
    expect(mainText(second.text)).not.toContain("Paged partner 00");
  });

  it("shows a partner's invitations page from the start, with a message, for a page token that is not ours", async () => {
    for (const token of forged) {
      const response = await get(runtime, `/partner/invitations?page=${skip(token)}`, browserA);
      expect(response.status, token).toBe(400);
      expect(response.text, token).toContain("That page of the list is no longer available");
    }
  });
});
