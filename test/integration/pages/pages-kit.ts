/**
 * Talking to the pages as a browser does: sign in through the dev sign-in form (which sets the session cookie),
 * GET pages with that cookie, read the CSRF token from a page's form, and POST forms. Redirects are not followed,
 * so tests see every 303 and where it leads.
 */
import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { CosmosClient } from "@azure/cosmos";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosTenantStore } from "../../../shared/cosmos/cosmos-tenant-store";
import { call, gdapInvitation, partnerAdmin, tokenFor, tokenOfLink } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";

export const attack = "<img src=x onerror=alert(1)>";
export const escapedAttack = "&lt;img src=x onerror=alert(1)&gt;";

export const wids = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  billingAdministrator: "b0f54661-2d74-4c50-afa3-1ec803f12efe",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8"
} as const;

export interface Browser {
  readonly cookie: string;
}

export interface PageResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly location: string | null;
}

export interface SignIn {
  readonly tenantId: string;
  readonly name?: string;
  readonly wids?: readonly string[];
  readonly partnerAdmin?: boolean;
  /** The Operator app role (it counts only in the operator's tenant). */
  readonly operator?: boolean;
}

/** Signs in through POST /dev/sign-in, as a person filling in the form would. */
export async function signIn(runtime: Pick<LocalRuntime, "url">, who: SignIn): Promise<Browser> {
  const form = new URLSearchParams({
    tenant: "other",
    otherTenantId: who.tenantId,
    name: who.name ?? `User ${randomUUID().slice(0, 8)}`,
    returnTo: "/"
  });
  for (const wid of who.wids ?? []) form.append("wids", wid);
  if (who.partnerAdmin) form.set("partnerAdmin", "on");
  if (who.operator) form.set("operator", "on");
  const response = await fetch(`${runtime.url}/dev/sign-in`, { method: "POST", body: form, redirect: "manual" });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("pr_session="));
  if (response.status !== 303 || !cookie)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return { cookie: cookie.split(";")[0] as string };
}

export async function get(
  runtime: Pick<LocalRuntime, "url">,
  path: string,
  browser?: Browser,
  headers: Record<string, string> = {}
): Promise<PageResponse> {
  const response = await fetch(`${runtime.url}${path}`, {
    redirect: "manual",
    headers: { ...headers, ...(browser ? { cookie: browser.cookie } : {}) }
  });
  return {
    status: response.status,
    headers: response.headers,
    text: await response.text(),
    location: response.headers.get("location")
  };
}

export async function post(
  runtime: Pick<LocalRuntime, "url">,
  path: string,
  browser: Browser | undefined,
  fields: Record<string, string>,
  headers: Record<string, string> = {}
): Promise<PageResponse> {
  const response = await fetch(`${runtime.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: runtime.url,
      ...headers,
      ...(browser ? { cookie: browser.cookie } : {})
    },
    body: new URLSearchParams(fields)
  });
  return {
    status: response.status,
    headers: response.headers,
    text: await response.text(),
    location: response.headers.get("location")
  };
}

/** The value of a hidden field in a page's form. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} field in the page`);
  return match[1];
}

export const csrfOf = (html: string) => hiddenField(html, "csrf");

/** The text of <main> as a person reads it (tags stripped, entities decoded), for readable assertions. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "";
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
  return main
    .replace(/<[^>]+>/g, " ")
    .replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, " ")
    .replace(/ ([.,:;)])/g, "$1")
    .trim();
}

export interface Invitation {
  readonly id: string;
  readonly token: string;
}

export async function invite(
  runtime: Pick<LocalRuntime, "url">,
  partnerTenantId: string,
  overrides: Record<string, unknown> = {}
): Promise<Invitation> {
  const token = await tokenFor(runtime, partnerAdmin(partnerTenantId));
  const response = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
    token,
    body: gdapInvitation(overrides)
  });
  if (response.status !== 201) throw new Error(`invitation failed: ${response.status} ${response.text}`);
  return { id: response.body.id, token: tokenOfLink(response.body.invitationLink) };
}

/** The store itself, for what no API does (a partner with hostile names that onboarding would refuse). */
export function tenantStore(runtime: Pick<LocalRuntime, "cosmos">): CosmosTenantStore {
  const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
  const client = new CosmosClient({
    endpoint: runtime.cosmos.endpoint,
    key,
    agent: new Agent({ rejectUnauthorized: false })
  });
  return new CosmosTenantStore(client.database(defaultDatabaseName).container(containerIds.tenants));
}

/** A partner whose every name is an HTML attack (its legal name too), approved, with a directory profile. */
export async function registerHostilePartner(runtime: Pick<LocalRuntime, "cosmos">): Promise<string> {
  const tenantId = randomUUID();
  const store = tenantStore(runtime);
  await store.registerPartner({
    tenantId,
    displayName: attack,
    identity: { legalName: attack, partnerId: "1234567", verifiedDomain: "hostile-partner.example" },
    approval: { action: "approved", at: new Date().toISOString(), actor: { kind: "system", displayName: "test" } }
  });
  await store.savePartnerProfile(tenantId, {
    name: attack,
    description: attack,
    industries: [attack],
    locations: [attack],
    partnerTypes: ["partnerWithGdap"],
    contactEmail: "hostile@partner.example",
    updatedDateTime: new Date().toISOString()
  });
  return tenantId;
}

/** Asks `read` until `done` says yes (at most ~15 s): for what the queue handlers do after a page answered. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 60 && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}
