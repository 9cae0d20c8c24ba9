/**
 * What the abuse-limit tests share: a runtime with every limit lowered through its environment (as an operator
 * would set the app settings), fresh partner tenants so tests never share a counter, Contact me requests sent from
 * a chosen loopback address (127.0.0.x, so each test can be a different client), and the 429 problem they expect.
 */
import { approvedPartner } from "../../helpers/partners";
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { expect } from "vitest";
import type { ApiResponse } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";
import { tenantStore } from "../pages/pages-kit";

/** Small limits, so a test reaches each one in a few requests. */
export const lowLimits: Record<string, string> = {
  LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "3",
  LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "5",
  LIMIT_RESENDS_PER_PARTNER_PER_HOUR: "4",
  LIMIT_RESENDS_PER_PARTNER_PER_DAY: "6",
  LIMIT_RESENDS_PER_INVITATION_PER_DAY: "2",
  LIMIT_INVITATION_EMAILS_PER_ADDRESS_PER_DAY: "4",
  LIMIT_CONTACT_REQUESTS_PER_CLIENT_PER_HOUR: "3",
  LIMIT_CONTACT_REQUESTS_PER_PARTNER_PER_DAY: "5"
};

export interface LimitProblem {
  readonly type: string;
  readonly status: number;
  readonly code: string;
  readonly limit: string;
  readonly detail: string;
  readonly retryAfterSeconds: number;
  readonly retryAfterDateTime: string;
}

/** A partner tenant of its own, registered as onboarding would, with a directory profile (for Contact me). */
export async function newPartner(
  runtime: LocalRuntime,
  name = `Limits partner ${randomUUID().slice(0, 8)}`
): Promise<string> {
  const tenantId = randomUUID();
  const store = tenantStore(runtime);
  await store.registerPartner(approvedPartner(tenantId, name));
  await store.savePartnerProfile(tenantId, {
    name,
    industries: ["Retail"],
    locations: ["United Kingdom"],
    partnerTypes: ["partnerWithGdap"],
    contactEmail: "sales@limits-partner.example",
    updatedDateTime: new Date().toISOString()
  });
  return tenantId;
}

/** Moves the runtime's clock so that now is `minutesPast` minutes into the next UTC day: windows start fresh. */
export async function moveToNextDay(runtime: LocalRuntime, minutesPast = 1): Promise<Date> {
  const { now } = (await (await fetch(`${runtime.url}/dev/clock`)).json()) as { now: string };
  const current = new Date(now);
  const nextDay = Date.UTC(current.getUTCFullYear(), current.getUTCMonth(), current.getUTCDate() + 1, 0, minutesPast);
  return advanceClock(runtime, nextDay - current.getTime());
}

export async function advanceClock(runtime: LocalRuntime, ms: number): Promise<Date> {
  const response = await fetch(`${runtime.url}/dev/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceMs: ms })
  });
  return new Date(((await response.json()) as { now: string }).now);
}

/** The 429 every limit answers with: Retry-After in seconds, and the same moment in the problem body. */
export function expectRefusal(response: ApiResponse<unknown>, limit: string, retryAt: Date): LimitProblem {
  const body = response.body as LimitProblem;
  expect(response.status, response.text).toBe(429);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(body).toMatchObject({
    status: 429,
    code: "too_many_requests",
    limit,
    retryAfterDateTime: retryAt.toISOString()
  });
  expect(body.type).toMatch(/too_many_requests$/);
  expect(response.headers.get("retry-after")).toBe(String(body.retryAfterSeconds));
  expect(body.retryAfterSeconds).toBeGreaterThan(0);
  return body;
}

/** A Contact me request sent from `clientAddress` (a 127.0.0.x address), with any extra headers a client adds. */
export function contactFrom(
  runtime: LocalRuntime,
  clientAddress: string,
  partnerTenantId: string,
  headers: Record<string, string> = {}
): Promise<ApiResponse<LimitProblem & { id?: string }>> {
  const url = new URL(`${runtime.url}/api/partners/${partnerTenantId}/contact`);
  const body = JSON.stringify({
    location: "United Kingdom",
    contact: { name: "Ada Customer", email: "ada@tailspin.example" },
    organisationName: "Tailspin Toys",
    organisationSize: "50-249",
    industry: "Retail",
    businessNeeds: "Help with device management."
  });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: clientAddress,
        agent: false,
        headers: { ...headers, "content-type": "application/json" }
      },
      (incoming) => {
        let text = "";
        incoming.on("data", (chunk: Buffer) => (text += chunk.toString()));
        incoming.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers))
            if (typeof value === "string") responseHeaders.set(name, value);
          resolve({
            status: incoming.statusCode ?? 0,
            headers: responseHeaders,
            body: (text ? JSON.parse(text) : undefined) as LimitProblem,
            text
          });
        });
      }
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** The start of the UTC hour or day after `at`. */
export const nextHour = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
export const nextDay = (at: Date) => new Date(Math.floor(at.getTime() / 86_400_000) * 86_400_000 + 86_400_000);
