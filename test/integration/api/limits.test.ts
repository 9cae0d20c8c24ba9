import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  drainQueue,
  gdapInvitation,
  newAdminEmail,
  partnerAdmin,
  tokenFor,
  type ApiResponse
} from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  advanceClock,
  contactFrom,
  expectRefusal,
  lowLimits,
  moveToNextDay,
  newPartner,
  nextDay,
  nextHour
} from "./limits-kit";

type Created = { id: string; status: string; invitationLink: string };

describe("abuse limits through the real local runtime (settings lowered through its environment)", () => {
  let runtime: LocalRuntime;
  let now: Date;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      env: { ...queueConsumersDisabled, ...lowLimits },
      args: ["--timers", "manual"]
    });
    // A minute into a fresh UTC day: every hour and day window below starts empty and ends where the test says.
    now = await moveToNextDay(runtime, 1);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  async function partnerWithToken(): Promise<{ partner: string; token: string }> {
    const partner = await newPartner(runtime);
    return { partner, token: await tokenFor(runtime, partnerAdmin(partner)) };
  }
  const invite = (token: string, adminEmail: string = newAdminEmail()) =>
    call<Created>(runtime, "POST", "/api/relationships", { token, body: gdapInvitation({ customer: { adminEmail } }) });
  const resend = (token: string, id: string) =>
    call<Created>(runtime, "POST", `/api/relationships/${id}/resend`, { token });
  const emailsQueuedFor = async (partner: string) =>
    (await drainQueue(runtime, "invitation-emails")).filter(
      (m) => (m.body as { partnerTenantId: string }).partnerTenantId === partner
    ).length;
  const statuses = (responses: readonly ApiResponse<unknown>[]) => responses.map((r) => r.status);

  it("answers the 4th invitation of a partner in one hour with 429, Retry-After and problem+json, and writes and sends nothing for it", async () => {
    const { partner, token } = await partnerWithToken();
    const allowed = [await invite(token), await invite(token), await invite(token)];
    expect(statuses(allowed)).toEqual([201, 201, 201]);
    const refused = await invite(token);
    const problem = expectRefusal(refused, "invitationsPerPartnerPerHour", nextHour(now));
    expect(problem.retryAfterSeconds).toBeLessThanOrEqual(3_600);
    expect(problem.detail).toMatch(/3 invitations an hour/);
    const listed = await call<{ value: Created[] }>(runtime, "GET", "/api/relationships", { token });
    expect(listed.body.value).toHaveLength(3);
    expect(await emailsQueuedFor(partner)).toBe(3);
  });

  it("counts invitation emails per customer address across partners (case and +tags alike), and gives back the slot of a refused invitation", async () => {
    const first = await partnerWithToken();
    const second = await partnerWithToken();
    const address = newAdminEmail();
    const [local, domain] = address.split("@") as [string, string];
    expect(
      statuses([await invite(first.token, address), await invite(first.token, `${local.toUpperCase()}@${domain}`)])
    ).toEqual([201, 201]);
    expect(
      statuses([
        await invite(second.token, ` ${local}+again@${domain.toUpperCase()}`),
        await invite(second.token, address)
      ])
    ).toEqual([201, 201]);
    const problem = expectRefusal(await invite(first.token, address), "invitationEmailsPerAddressPerDay", nextDay(now));
    expect(problem.detail).not.toContain(address);
    // The refused invitation took no partner slot: the first partner still has its third of the hour.
    expect((await invite(first.token)).status).toBe(201);
    expectRefusal(await invite(first.token), "invitationsPerPartnerPerHour", nextHour(now));
    // A different address is not affected by the full one.
    expect((await invite(second.token)).status).toBe(201);
  });

  it("limits resends per invitation (a day), per partner (an hour) and per address, and a refused resend queues no email", async () => {
    const { partner, token } = await partnerWithToken();
    await drainQueue(runtime, "invitation-emails");
    const one = (await invite(token)).body;
    expect(statuses([await resend(token, one.id), await resend(token, one.id)])).toEqual([202, 202]);
    expectRefusal(await resend(token, one.id), "resendsPerInvitationPerDay", nextDay(now));
    const two = (await invite(token)).body;
    expect(statuses([await resend(token, two.id), await resend(token, two.id)])).toEqual([202, 202]);
    const three = (await invite(token)).body;
    expectRefusal(await resend(token, three.id), "resendsPerPartnerPerHour", nextHour(now));
    expect(await emailsQueuedFor(partner)).toBe(3 + 4);
    const stored = await call<{ id: string }>(runtime, "GET", `/api/relationships/${one.id}`, { token });
    expect(stored.status).toBe(200);

    // Resends count toward the address too: two invitations and two resends fill an address's day (4).
    const other = await partnerWithToken();
    const address = newAdminEmail();
    const a = (await invite(other.token, address)).body;
    const b = (await invite(other.token, address)).body;
    expect(statuses([await resend(other.token, a.id), await resend(other.token, b.id)])).toEqual([202, 202]);
    expectRefusal(await resend(other.token, a.id), "invitationEmailsPerAddressPerDay", nextDay(now));
    // An unknown invitation is a 404, as before: limits never hide what the request got wrong.
    expect((await resend(other.token, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("limits Contact me per client address, whatever X-Forwarded-For the client sends, and per partner", async () => {
    const partner = await newPartner(runtime);
    const fromOne: ApiResponse<unknown>[] = [];
    for (let n = 0; n < 3; n += 1) fromOne.push(await contactFrom(runtime, "127.0.0.2", partner));
    expect(statuses(fromOne)).toEqual([202, 202, 202]);
    // A client cannot name itself someone else: the host appends the address it saw, and that is what counts.
    expectRefusal(
      await contactFrom(runtime, "127.0.0.2", partner, { "x-forwarded-for": "198.51.100.7" }),
      "contactRequestsPerClientPerHour",
      nextHour(now)
    );
    expect(
      statuses([await contactFrom(runtime, "127.0.0.3", partner), await contactFrom(runtime, "127.0.0.4", partner)])
    ).toEqual([202, 202]);
    // That is 5 for the partner today: a sixth, from a client with room to spare, is refused until tomorrow.
    const refused = expectRefusal(
      await contactFrom(runtime, "127.0.0.5", partner),
      "contactRequestsPerPartnerPerDay",
      nextDay(now)
    );
    expect(refused.detail).toMatch(/today/);
    // A refused request stored nothing and queued nothing for the partner.
    const queued = await drainQueue(runtime, "notifications");
    expect(queued.filter((m) => (m.body as { partnerTenantId?: string }).partnerTenantId === partner)).toHaveLength(5);
    // The per-partner refusal gave back the client slot it had taken: 127.0.0.5 still has all three of its hour.
    const elsewhere = await newPartner(runtime);
    const again: ApiResponse<unknown>[] = [];
    for (let n = 0; n < 3; n += 1) again.push(await contactFrom(runtime, "127.0.0.5", elsewhere));
    expect(statuses(again)).toEqual([202, 202, 202]);
  });

  it("lets racing invitations of one partner through up to the limit and not one more", async () => {
    const { token } = await partnerWithToken();
    const responses = await Promise.all(Array.from({ length: 12 }, () => invite(token)));
    expect(statuses(responses).filter((s) => s === 201)).toHaveLength(3);
    expect(statuses(responses).filter((s) => s === 429)).toHaveLength(9);
    expect((await call<{ value: Created[] }>(runtime, "GET", "/api/relationships", { token })).body.value).toHaveLength(
      3
    );
  });

  it("opens a new hour with room again, until the day's limit, which lasts until midnight UTC (runs last: it moves the clock)", async () => {
    const { token } = await partnerWithToken();
    expect(statuses([await invite(token), await invite(token), await invite(token)])).toEqual([201, 201, 201]);
    expectRefusal(await invite(token), "invitationsPerPartnerPerHour", nextHour(now));
    const later = await advanceClock(runtime, 3_600_000);
    expect(statuses([await invite(token), await invite(token)])).toEqual([201, 201]);
    expectRefusal(await invite(token), "invitationsPerPartnerPerDay", nextDay(later));
  });
});

describe("abuse limits across two Function App instances sharing one Cosmos DB", () => {
  let first: LocalRuntime;
  let second: LocalRuntime;

  beforeAll(async () => {
    first = await startLocalRuntime({ env: { ...queueConsumersDisabled, ...lowLimits }, args: ["--timers", "manual"] });
    second = await startLocalRuntime({
      env: { ...queueConsumersDisabled, ...lowLimits },
      args: ["--timers", "manual", "--cosmos-connection-string", first.cosmos.connectionString]
    });
    // Both half an hour into the next UTC day, so no window can end while a round runs.
    await Promise.all([moveToNextDay(first, 30), moveToNextDay(second, 30)]);
  });
  afterAll(async () => {
    await Promise.all([second?.stop(), first?.stop()]);
  });

  it("never lets racing requests on two instances exceed a limit, round after round", async () => {
    for (let round = 0; round < 5; round += 1) {
      const partner = await newPartner(first);
      const tokens = [await tokenFor(first, partnerAdmin(partner)), await tokenFor(second, partnerAdmin(partner))];
      const runtimes = [first, second];
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          call(runtimes[n % 2] as LocalRuntime, "POST", "/api/relationships", {
            token: tokens[n % 2],
            body: gdapInvitation()
          })
        )
      );
      expect(
        responses.filter((r) => r.status === 201),
        `round ${round}: ${responses.map((r) => r.status).join(",")}`
      ).toHaveLength(3);
      expect(responses.filter((r) => r.status === 429)).toHaveLength(7);

      const contacted = await newPartner(first);
      const contacts = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          contactFrom(runtimes[n % 2] as LocalRuntime, `127.0.1.${10 * round + n + 1}`, contacted)
        )
      );
      expect(
        contacts.filter((r) => r.status === 202),
        `round ${round}: ${contacts.map((r) => r.status).join(",")}`
      ).toHaveLength(5);
    }
  });
});
