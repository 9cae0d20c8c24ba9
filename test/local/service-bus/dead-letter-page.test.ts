import type { ServiceBusClient } from "@azure/service-bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { sendRaw, serviceBus, until } from "../../integration/async/emails-kit";

const attack = "<img src=x onerror=alert(1)>";

// Issue 10, item 14: the local page where a person sees each queue and its dead letters, and replays or purges them.
describe("GET/POST /dev/service-bus on the local runtime", () => {
  let runtime: LocalRuntime;
  let bus: ServiceBusClient;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    bus = serviceBus(runtime);
  });
  afterAll(async () => {
    await bus?.close();
    await runtime?.stop();
  });

  const page = async () => {
    const response = await fetch(`${runtime.url}/dev/service-bus`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const act = (fields: Record<string, string>, headers: Record<string, string> = { origin: runtime.url }) =>
    fetch(`${runtime.url}/dev/service-bus/dead-letters`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields)
    });
  const rowsOf = (text: string, queue: string) =>
    [...text.matchAll(new RegExp(`data-queue="${queue}" data-seq="(\\d+)"`, "g"))].map((match) => match[1] as string);
  /** A notifications message the handler refuses at once (InvalidPayload): its description quotes the bad key. */
  const poison = async (label: string) => {
    const id = `${label}-${Date.now()}`;
    await sendRaw(
      bus,
      "notifications",
      { kind: "contactPartner", partnerTenantId: "p", contactRequestId: id, [attack]: 1 },
      id
    );
    const shown = await until(page, (current) => current.text.includes(id), 20_000, 250);
    return { id, shown };
  };

  it("lists every queue with its counts and each dead letter, escaped, in a page that cannot be framed", async () => {
    const { id, shown } = await poison("page");
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(shown.headers.get("x-frame-options")).toBe("DENY");
    expect(shown.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(shown.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(shown.headers.get("cache-control")).toBe("no-store");
    for (const queue of ["invitation-emails", "role-grants", "notifications"])
      expect(shown.text).toContain(`<th scope="row">${queue}</th>`);
    expect(shown.text).toMatch(/<th scope="row">notifications<\/th><td>\d+<\/td><td>\d+<\/td><td>[1-9]\d*<\/td>/);
    expect(shown.text).toContain("InvalidPayload");
    expect(shown.text).toContain(id);
    expect(shown.text).not.toContain(attack);
    expect(shown.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(rowsOf(shown.text, "notifications").length).toBeGreaterThan(0);
  });

  it("replays one dead letter and purges another with form posts, then both are gone", async () => {
    const first = await poison("replay");
    const second = await poison("purge");
    const seqOf = (text: string, id: string) =>
      new RegExp(`data-queue="notifications" data-seq="(\\d+)"[^>]*data-message-id="${id}"`).exec(text)?.[1] as string;
    const replaySeq = seqOf(second.shown.text, first.id);
    const purgeSeq = seqOf(second.shown.text, second.id);

    const replayed = await act({ action: "replay", queue: "notifications", seq: replaySeq });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get("location")).toBe("/dev/service-bus?done=replay&count=1");
    const purged = await act({ action: "purge", queue: "notifications", seq: purgeSeq });
    expect(purged.status).toBe(303);

    // The replayed copy fails again (it is still invalid) and comes back under a new number; the purged one does not.
    const after = await until(
      page,
      (current) => !rowsOf(current.text, "notifications").includes(replaySeq),
      10_000,
      250
    );
    expect(rowsOf(after.text, "notifications")).not.toContain(purgeSeq);
    expect(after.text).not.toContain(`data-message-id="${second.id}"`);
    await until(page, (current) => current.text.includes(`data-message-id="${first.id}"`), 20_000, 250);
  });

  it("refuses a post from another site, an unknown action or queue, and a GET of the action URL", async () => {
    const { shown } = await poison("refused");
    const seq = rowsOf(shown.text, "notifications")[0] as string;
    expect(
      (await act({ action: "purge", queue: "notifications", seq }, { origin: "https://evil.example" })).status
    ).toBe(403);
    expect(
      (
        await act(
          { action: "purge", queue: "notifications", seq },
          { origin: runtime.url, "sec-fetch-site": "cross-site" }
        )
      ).status
    ).toBe(403);
    expect((await act({ action: "explode", queue: "notifications", seq })).status).toBe(400);
    expect((await act({ action: "purge", queue: "no-such-queue", seq })).status).toBe(400);
    expect((await act({ action: "purge", queue: "notifications", seq: "12abc" })).status).toBe(400);
    expect((await fetch(`${runtime.url}/dev/service-bus/dead-letters`)).status).toBe(405);
    expect(rowsOf((await page()).text, "notifications")).toContain(seq);
  });
});
