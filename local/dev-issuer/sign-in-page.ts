/**
 * The local stand-in for signing in with Microsoft Entra ID (Easy Auth on Azure): `GET /dev/sign-in?returnTo=/path`
 * shows a form to pick a tenant (the demo partners, customers and operator, or any tenant id), a user name, Entra
 * directory roles, the Partner.Admin and Operator app roles and security groups; `POST /dev/sign-in` issues a dev
 * token for that user and keeps it in the pages' session cookie (HttpOnly, SameSite=Lax), then returns to
 * `returnTo` — a path on this site only.
 * `GET /dev/sign-out?returnTo=/path` clears the cookie. The pages verify the cookie's token exactly as the API does.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { operatorAppRole, partnerAdminAppRole } from "../../shared/http/callers";
import {
  billingAdministratorRoleId,
  domainNameAdministratorRoleId,
  globalAdministratorRoleId,
  helpdeskAdministratorRoleId
} from "../../shared/domain/roles";
import { assetUrl } from "../../shared/pages/assets";
import { html, type SafeHtml } from "../../shared/pages/html";
import { pageSecurityHeaders } from "../../shared/pages/page-response";
import { safeReturnPath } from "../../shared/pages/return-to";
import { sessionCookieName } from "../../shared/pages/session";
import { demoCustomers, demoOperator, demoPartners } from "../demo-data";
import { requestUrl } from "../host/request-target";
import type { IssueClaims } from "./dev-issuer";

export const signInPaths = { signIn: "/dev/sign-in", signOut: "/dev/sign-out" } as const;

/** How long a dev sign-in lasts: a working day, like an Entra session that has to be renewed. */
export const sessionLifetimeSeconds = 8 * 3600;

export const signInDirectoryRoles = [
  { id: globalAdministratorRoleId, label: "Global Administrator" },
  { id: billingAdministratorRoleId, label: "Billing Administrator" },
  { id: helpdeskAdministratorRoleId, label: "Helpdesk Administrator" },
  { id: domainNameAdministratorRoleId, label: "Domain Name Administrator" }
] as const;

export interface SignInIssuer {
  issue(claims: IssueClaims): Promise<string>;
}

const formSchema = z.object({
  tenant: z.string(),
  otherTenantId: z.string().trim().optional(),
  name: z.string().trim().min(1, "Enter a user name").max(100),
  wids: z.array(z.enum(signInDirectoryRoles.map((role) => role.id) as [string, ...string[]])),
  partnerAdmin: z.boolean(),
  operator: z.boolean(),
  /** Security group object ids for the `groups` claim, separated by commas, spaces or line breaks. */
  groups: z
    .string()
    .max(200 * 40)
    .transform((text) => text.split(/[\s,]+/).filter((item) => item.length > 0))
    .pipe(
      z
        .array(z.guid("Enter each security group id as a GUID.").transform((id) => id.toLowerCase()))
        .max(200, "At most 200 security groups fit in a token.")
    ),
  returnTo: z.string().optional()
});

const tenantChoices = [
  ...demoCustomers.map((tenant) => ({ tenantId: tenant.tenantId, label: `${tenant.displayName} (customer)` })),
  ...demoPartners.map((tenant) => ({ tenantId: tenant.tenantId, label: `${tenant.displayName} (partner)` })),
  { tenantId: demoOperator.tenantId, label: `${demoOperator.displayName} (operator)` }
];

/** Answers the sign-in paths and resolves true; resolves false, without answering, for any other path. */
export async function handleSignInRequest(
  issuer: SignInIssuer,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer
): Promise<boolean> {
  const url = requestUrl(req);
  const path = url.pathname.replace(/(.)\/+$/, "$1");
  const method = req.method ?? "GET";
  if (path === signInPaths.signOut) {
    if (method !== "GET" && method !== "POST") return methodNotAllowed(res, "GET, POST");
    send(res, 303, undefined, {
      location: safeReturnPath(url.searchParams.get("returnTo")),
      "set-cookie": sessionCookie("", 0)
    });
    return true;
  }
  if (path !== signInPaths.signIn) return false;
  if (method === "GET" || method === "HEAD") {
    send(res, 200, signInPage({ returnTo: safeReturnPath(url.searchParams.get("returnTo")) }));
    return true;
  }
  if (method !== "POST") return methodNotAllowed(res, "GET, HEAD, POST");
  await answerSignIn(issuer, req, res, body);
  return true;
}

async function answerSignIn(
  issuer: SignInIssuer,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer
): Promise<void> {
  // A dev tool, but still no sign-in forced on a browser by another site.
  const fetchSite = req.headers["sec-fetch-site"];
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    send(res, 403, signInPage({ returnTo: "/", error: "This sign-in form was sent from another site." }));
    return;
  }
  const form = new URLSearchParams(body.toString("utf8"));
  const parsed = formSchema.safeParse({
    tenant: form.get("tenant") ?? "",
    otherTenantId: form.get("otherTenantId") ?? undefined,
    name: form.get("name") ?? "",
    wids: form.getAll("wids"),
    partnerAdmin: form.get("partnerAdmin") === "on",
    operator: form.get("operator") === "on",
    groups: form.get("groups") ?? "",
    returnTo: form.get("returnTo") ?? undefined
  });
  const returnTo = safeReturnPath(form.get("returnTo"));
  if (!parsed.success) {
    send(res, 400, signInPage({ returnTo, error: parsed.error.issues.map((issue) => issue.message).join(" ") }));
    return;
  }
  const tenantText = parsed.data.tenant === "other" ? (parsed.data.otherTenantId ?? "") : parsed.data.tenant;
  const tenantId = z.guid().safeParse(tenantText);
  if (!tenantId.success) {
    send(res, 400, signInPage({ returnTo, error: "Choose a tenant, or enter another tenant id as a GUID." }));
    return;
  }
  const tenant = tenantId.data.toLowerCase();
  const token = await issuer.issue({
    tenantId: tenant,
    userId: userIdFor(tenant, parsed.data.name),
    name: parsed.data.name,
    wids: parsed.data.wids,
    roles: [
      ...(parsed.data.partnerAdmin ? [partnerAdminAppRole] : []),
      ...(parsed.data.operator ? [operatorAppRole] : [])
    ],
    ...(parsed.data.groups.length > 0 ? { groups: parsed.data.groups } : {}),
    expiresInSeconds: sessionLifetimeSeconds
  });
  send(res, 303, undefined, { location: returnTo, "set-cookie": sessionCookie(token, sessionLifetimeSeconds) });
}

/** The same name in the same tenant is the same user across sign-ins (a stable `oid`), as in a real directory. */
function userIdFor(tenantId: string, name: string): string {
  const hex = createHash("sha256").update(`${tenantId}|${name.toLowerCase()}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${sessionCookieName}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax`;
}

interface SignInPageOptions {
  readonly returnTo: string;
  readonly error?: string;
}

function signInPage(options: SignInPageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in (development) – Partner relationships</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl("app.css")}">
</head>
<body>
<header class="site-header"><div class="site-header__inner"><a class="brand" href="/">Partner relationships</a></div></header>
<main id="main">
<h1>Sign in</h1>
<p class="lead">Development sign-in: choose who you are. On Azure, Microsoft Entra ID signs you in instead.</p>
${options.error && html`<div class="notice notice--error" role="alert"><p>${options.error}</p></div>`}
<form method="post" action="${signInPaths.signIn}" class="form-grid">
<input type="hidden" name="returnTo" value="${options.returnTo}">
<fieldset class="field">
<legend>Tenant</legend>
${tenantChoices.map(
  (
    choice,
    index
  ) => html`<div class="check"><input type="radio" id="tenant-${index}" name="tenant" value="${choice.tenantId}"${index === 0 ? html` checked` : ""}><label for="tenant-${index}">${choice.label}</label></div>
`
)}<div class="check"><input type="radio" id="tenant-other" name="tenant" value="other"><label for="tenant-other">Other tenant id</label></div>
<label for="other-tenant-id">Other tenant id (GUID)</label>
<input type="text" id="other-tenant-id" name="otherTenantId" autocomplete="off" spellcheck="false">
</fieldset>
<div class="field">
<label for="user-name">User name</label>
<input type="text" id="user-name" name="name" value="Ada Admin" required maxlength="100" autocomplete="name">
</div>
<fieldset class="field">
<legend>Microsoft Entra directory roles</legend>
<span class="hint">Tick none for a user without admin roles.</span>
${signInDirectoryRoles.map(
  (
    role,
    index
  ) => html`<div class="check"><input type="checkbox" id="wid-${index}" name="wids" value="${role.id}"><label for="wid-${index}">${role.label}</label></div>
`
)}</fieldset>
<fieldset class="field">
<legend>App roles</legend>
<div class="check"><input type="checkbox" id="partner-admin" name="partnerAdmin"><label for="partner-admin">${partnerAdminAppRole}</label></div>
<div class="check"><input type="checkbox" id="operator" name="operator"><label for="operator">${operatorAppRole} (counts only in the operator tenant)</label></div>
</fieldset>
<div class="field">
<label for="groups">Security groups</label>
<span class="hint" id="groups-hint">Object ids (GUIDs) of the partner's security groups this user belongs to, separated by commas; leave empty for none.</span>
<textarea id="groups" name="groups" rows="2" autocomplete="off" spellcheck="false" aria-describedby="groups-hint"></textarea>
</div>
<div class="actions"><button type="submit">Sign in</button></div>
</form>
</main>
</body>
</html>
`;
}

function send(
  res: ServerResponse,
  status: number,
  page: SafeHtml | undefined,
  headers: Record<string, string> = {}
): void {
  const body = Buffer.from(page?.markup ?? "");
  res.statusCode = status;
  for (const [name, value] of Object.entries({ ...pageSecurityHeaders, ...headers })) res.setHeader(name, value);
  if (page) res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("content-length", body.length);
  res.end(body);
}

function methodNotAllowed(res: ServerResponse, allow: string): true {
  send(res, 405, undefined, { allow });
  return true;
}
