/**
 * What the generators need from the running system: the OpenAPI document, the catalogue (partner types, roles,
 * the agreement version) for plausible values, valid tokens and page sessions for the fuzz's own users, and ids,
 * link tokens and paging tokens that exist, so that requests reach stored data rather than stop at a 404.
 *
 * The fuzz's users are other tenants (a second partner, a second customer, a platform) and the fixtures' own
 * least-privileged users (a partner user without Partner.Admin, a customer user without an admin role): none may
 * change the fixtures, so the snapshot comparison is also a tenant-isolation check.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import {
  call,
  customerGlobalAdmin,
  customerUser,
  demoPartnerTenants,
  newAdminEmail,
  partnerAdmin,
  partnerReader,
  roles,
  tokenFor,
  tokenOfLink,
  type TokenClaims
} from "../helpers/api";
import type { LocalRuntime } from "../helpers/local-runtime";
import type { ApiFuzzContext } from "./api-requests";
import type { FuzzFixtures } from "./fixtures";
import type { PageFuzzContext, PageSessionForFuzz } from "./page-requests";
import type { JsonSchema } from "./schema-values";

export async function buildFuzzContext(runtime: LocalRuntime, fixtures: FuzzFixtures): Promise<PageFuzzContext> {
  const document = (await call<JsonSchema>(runtime, "GET", "/api/openapi.json")).body;
  const partnerTypes = (await call<{ value: { id: string }[] }>(runtime, "GET", "/api/partner-types")).body.value.map(
    (type) => type.id
  );
  const roles = (await call<{ value: { id: string; gdapEligible: boolean }[] }>(runtime, "GET", "/api/roles")).body
    .value;
  const roleIds = roles.map((role) => role.id);
  const gdapRoleIds = roles.filter((role) => role.gdapEligible).map((role) => role.id);
  const agreementVersion = (await call<{ version: string }>(runtime, "GET", "/api/agreement")).body.version;
  const otherPartner = demoPartnerTenants[1];
  const otherCustomer = randomUUID();

  const users: TokenClaims[] = [
    partnerAdmin(otherPartner),
    partnerReader(otherPartner),
    partnerReader(fixtures.partnerTenantId),
    customerGlobalAdmin(otherCustomer),
    customerUser(fixtures.customerTenantId),
    { tenantId: randomUUID(), roles: ["Access.Check"], name: "Platform" }
  ];
  const tokens = await Promise.all(users.map((claims) => tokenFor(runtime, claims)));
  const sessions = await Promise.all(tokens.slice(0, 5).map((token) => pageSession(runtime, token)));
  const skipTokens = await realSkipTokens(runtime, tokens[0] as string);
  const theirs = await invitationsToSpend(runtime, tokens[0] as string, otherCustomer);
  await mpsaToSpend(runtime, tokens[0] as string, tokens[3] as string, otherCustomer, agreementVersion);
  await acceptedOemRelationship(runtime, tokens[0] as string, tokens[3] as string, otherCustomer, agreementVersion);
  // The users who may write (the other partner's admin, the other customer's Global Administrator) come up more
  // often, so that plausible requests get through authorization to the rules and the stores behind it.
  const bearerTokens = [tokens[0], tokens[0], tokens[0], tokens[3], tokens[3], tokens[3], ...tokens].filter(
    (token): token is string => token !== undefined
  );

  const guids = fc.oneof(
    fc.constantFrom(fixtures.partnerTenantId, fixtures.customerTenantId, otherPartner, otherCustomer),
    fc.uuid()
  );
  const email = fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9.]{0,15}$/),
      fc.constantFrom("contoso.example", "fabrikam.example", "xn--bcher-kva.example")
    )
    .map(([local, domain]) => `${local}@${domain}`);
  const hints: ApiFuzzContext["hints"] = {
    // Mostly the GDAP type with GDAP-eligible roles: the combination the rules let through most often.
    partnerType: fc.oneof(
      { weight: 3, arbitrary: fc.constant("partnerWithGdap") },
      { weight: 1, arbitrary: fc.constantFrom(...partnerTypes) }
    ),
    roleDefinitionId: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...gdapRoleIds) },
      { weight: 1, arbitrary: fc.constantFrom(...roleIds) }
    ),
    role: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...gdapRoleIds) },
      { weight: 1, arbitrary: fc.constantFrom(...roleIds) }
    ),
    agreementVersion: fc.constant(agreementVersion),
    acknowledged: fc.constantFrom("yes", true),
    duration: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom("P1D", "P30D", "P365D", "P730D", "P2Y") },
      { weight: 1, arbitrary: fc.constantFrom("P731D", "PT1H", "P0D", "P1Y2M") }
    ),
    durationDays: fc.integer({ min: -1, max: 800 }).map(String),
    autoExtendDuration: fc.constantFrom("PT0S", "PT0S", "P180D", "P90D"),
    autoExtend: fc.constantFrom("on", "off"),
    tenantId: guids,
    customerTenantId: guids,
    partnerTenantId: guids,
    adminEmail: email,
    email,
    displayName: fc.string({ minLength: 1, maxLength: 40 }),
    name: fc.string({ minLength: 1, maxLength: 40 }),
    phone: fc.constantFrom("+44 20 7946 0000", "555-0100"),
    organisationSize: fc.constantFrom("1-9", "10-49", "50-249", "250-999", "1000+"),
    status: fc.constantFrom("approvalPending", "active", "declined", "terminated"),
    format: fc.constant("json"),
    done: fc.constantFrom("resend", "cancel", "terminate", "auto-extend", "assigned", "changed", "removed"),
    action: fc.constantFrom("resend", "cancel", "terminate", "auto-extend", "lockForApproval", "approve", "remove"),
    securityGroupId: guids,
    label: fc.string({ maxLength: 120 }),
    version: fc.integer({ min: -1, max: 5 }).map(String),
    path: fc.constantFrom("app.css", "app.js", "../package.json", "app.css/.."),
    "If-Match": fc.constantFrom(...theirs.map((invitation) => invitation.etag), '"stale"', '"v0"', '"v1"', "*"),
    // MPSA purchases: mostly values the rules take, so requests reach the relationship check and the store.
    product: fc.oneof(fc.constantFrom("Microsoft 365 E3", "Visio Plan 2"), fc.string({ minLength: 1, maxLength: 40 })),
    quantity: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 5_000 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, 2.5, 1_000_001) }
    ),
    agreementNumber: fc.constantFrom("01S12345", "M1234567", "0123-4567", "12", "ABCDEFG"),
    purchaseDate: fc.constantFrom("2026-06-15", "2024-02-29", "2099-01-01", "2026-02-30", "15/06/2026"),
    enabled: fc.constantFrom("on", "off", true, false),
    to: fc.constantFrom("on", "off"),
    sharing: fc.constantFrom("on", "off", "unchanged"),
    // Device uploads: hashes of plausible length (and some too short), so plausible uploads reach the store.
    hardwareHash: fc
      .uint8Array({ minLength: 150, maxLength: 3_200 })
      .map((bytes) => Buffer.from(bytes).toString("base64")),
    serialNumber: fc.stringMatching(/^[A-Z0-9-]{1,20}$/),
    manufacturer: fc.constantFrom("Contoso", "Lenovo", "Dell Inc."),
    model: fc.constantFrom("Book 3", "ThinkPad X1", "Latitude 7450")
  };
  const knownValues: ApiFuzzContext["knownValues"] = {
    id: [
      ...fixtures.relationshipIds,
      fixtures.draftId,
      ...demoPartnerTenants,
      ...theirs.map((invitation) => invitation.id)
    ],
    partnerId: [...demoPartnerTenants],
    token: [fixtures.pendingLinkToken, ...theirs.map((invitation) => invitation.linkToken)],
    created: [...fixtures.relationshipIds],
    accepted: [...fixtures.relationshipIds],
    declined: [...fixtures.relationshipIds],
    $skiptoken: skipTokens,
    page: skipTokens,
    customerTenantId: [fixtures.customerTenantId, otherCustomer],
    recorded: [...fixtures.purchaseIds],
    partnerTenantId: [fixtures.partnerTenantId]
  };
  return { document, hints, bearerTokens, knownValues, sessions, origin: runtime.url };
}

/**
 * Invitations from the fuzz's partner to the fuzz's customer, theirs to accept, decline, remove roles from and
 * terminate, so that those paths run with hostile input too (they are not part of the fixtures' snapshot).
 */
async function invitationsToSpend(runtime: LocalRuntime, partnerToken: string, customerTenantId: string) {
  const invitations: { id: string; linkToken: string; etag: string }[] = [];
  for (let i = 0; i < 6; i += 1) {
    const body = {
      partnerType: "partnerWithGdap",
      displayName: `Fuzz spend ${randomUUID().slice(0, 8)}`,
      customer: { adminEmail: newAdminEmail(), tenantId: customerTenantId },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] },
      duration: "P90D"
    };
    const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: partnerToken,
      body
    });
    if (created.status !== 201) throw new Error(`invitation to spend: ${created.status} ${created.text}`);
    invitations.push({
      id: created.body.id,
      linkToken: tokenOfLink(created.body.invitationLink),
      etag: created.headers.get("etag") ?? ""
    });
  }
  return invitations;
}

/**
 * An MPSA relationship from the fuzz's partner to the fuzz's customer, accepted: the fuzz's plausible purchase
 * records and sharing changes then get past the relationship check to the rules and the store.
 */
async function mpsaToSpend(
  runtime: LocalRuntime,
  partnerToken: string,
  customerToken: string,
  customerTenantId: string,
  agreementVersion: string
): Promise<void> {
  const body = {
    partnerType: "mpsaPartner",
    displayName: `Fuzz MPSA ${randomUUID().slice(0, 8)}`,
    customer: { adminEmail: newAdminEmail(), tenantId: customerTenantId },
    duration: "P730D"
  };
  const created = await call<{ invitationLink: string }>(runtime, "POST", "/api/relationships", {
    token: partnerToken,
    body
  });
  if (created.status !== 201) throw new Error(`MPSA invitation to spend: ${created.status} ${created.text}`);
  const accepted = await call(runtime, "POST", `/api/invitations/${tokenOfLink(created.body.invitationLink)}/accept`, {
    token: customerToken,
    body: { agreementVersion, acknowledged: true }
  });
  if (accepted.status !== 200) throw new Error(`MPSA acceptance to spend: ${accepted.status} ${accepted.text}`);
}

/** The fuzz's partner as an OEM its customer accepted: device uploads then get past the relationship check. */
async function acceptedOemRelationship(
  runtime: LocalRuntime,
  partnerToken: string,
  customerToken: string,
  customerTenantId: string,
  agreementVersion: string
): Promise<void> {
  const body = {
    partnerType: "oem",
    displayName: `Fuzz OEM ${randomUUID().slice(0, 8)}`,
    customer: { adminEmail: newAdminEmail(), tenantId: customerTenantId }
  };
  const created = await call<{ invitationLink: string }>(runtime, "POST", "/api/relationships", {
    token: partnerToken,
    body
  });
  const accepted = await call(runtime, "POST", `/api/invitations/${tokenOfLink(created.body.invitationLink)}/accept`, {
    token: customerToken,
    body: { agreementVersion, acknowledged: true }
  });
  if (accepted.status !== 200)
    throw new Error(`OEM relationship to spend: ${created.status} ${accepted.status} ${accepted.text}`);
}

/** A session cookie as the dev sign-in sets it, with the CSRF token that session's forms carry. */
async function pageSession(runtime: LocalRuntime, token: string): Promise<PageSessionForFuzz> {
  const cookie = `pr_session=${token}`;
  // "Contact me" shows its form, with the CSRF token, to anyone signed in.
  const page = await fetch(`${runtime.url}/partners/${demoPartnerTenants[0]}/contact`, {
    headers: { cookie },
    redirect: "manual"
  });
  const csrf = /name="csrf" value="([^"]*)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error(`no CSRF token on the Contact me page (${page.status})`);
  return { cookie, csrf };
}

/** Genuine paging tokens — for the other partner's list and for the directory — to replay on lists they do not fit. */
async function realSkipTokens(runtime: LocalRuntime, otherPartnerAdmin: string): Promise<string[]> {
  for (let i = 0; i < 2; i += 1)
    await call(runtime, "POST", "/api/relationships", {
      token: otherPartnerAdmin,
      body: {
        partnerType: "reseller",
        displayName: `Fuzz seed ${randomUUID().slice(0, 8)}`,
        customer: { adminEmail: newAdminEmail() },
        duration: "P30D"
      }
    });
  const links = [
    (
      await call<{ "@odata.nextLink"?: string }>(runtime, "GET", "/api/relationships?$top=1", {
        token: otherPartnerAdmin
      })
    ).body["@odata.nextLink"],
    (await call<{ "@odata.nextLink"?: string }>(runtime, "GET", "/api/partners?$top=1")).body["@odata.nextLink"]
  ];
  return links.flatMap((link) => {
    const token = link ? new URL(link, runtime.url).searchParams.get("$skiptoken") : null;
    return token ? [encodeURIComponent(token)] : [];
  });
}
