/**
 * `npm run demo`: against a running `npm start`, plays the whole story and prints each step with the URL to look
 * at — a partner invites a customer, the email arrives, a customer Global Administrator accepts, the grants go
 * active, the access check says yes, the customer removes the roles and the access check says no.
 */
import { randomUUID } from "node:crypto";
import { demoCustomers, demoPartners } from "./demo-data";

const base = (process.env.DEMO_URL ?? "http://127.0.0.1:7071").replace(/\/+$/, "");
const helpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const userAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";

type Json = Record<string, unknown>;

async function main(): Promise<void> {
  const partner = demoPartners[0] as (typeof demoPartners)[number];
  const customer = demoCustomers[0];
  await step("The local runtime is up", async () => {
    await request("GET", "/api/health");
    return `${base}/api/health`;
  });

  const partnerToken = await token({
    tenantId: partner.tenantId,
    userId: randomUUID(),
    name: "Pat Partner",
    roles: ["Partner.Admin"]
  });
  const adminEmail = `admin+${Date.now()}@tailspin.example`;
  const created = await step(
    `${partner.displayName} invites ${customer.displayName} (Helpdesk + User Administrator, 1 year)`,
    async () => {
      const body = await request("POST", "/api/relationships", partnerToken, {
        partnerType: "partnerWithGdap",
        displayName: `Tailspin managed services ${new Date().toISOString().slice(0, 19)}`,
        customer: { adminEmail, tenantId: customer.tenantId },
        accessDetails: {
          unifiedRoles: [{ roleDefinitionId: helpdeskAdministrator }, { roleDefinitionId: userAdministrator }]
        },
        duration: "P365D",
        autoExtendDuration: "P180D"
      });
      return { result: body, show: `${base}/api/relationships/${String(body.id)}  (status ${String(body.status)})` };
    }
  );
  const relationshipId = String(created.id);
  const link = String(created.invitationLink);

  await step(`The invitation email reaches ${adminEmail}`, async () => {
    const mail = await poll(async () => {
      const messages = (await request("GET", "/dev/mailbox.json")) as unknown as {
        id: string;
        to: string[];
        subject: string;
      }[];
      return messages.find((m) => m.to.includes(adminEmail));
    }, "the invitation email");
    return `${base}/dev/mailbox/${mail.id}  ("${mail.subject}")`;
  });

  const customerToken = await token({
    tenantId: customer.tenantId,
    userId: randomUUID(),
    name: "Casey Customer",
    wids: [globalAdministrator]
  });
  const linkToken = link.slice(link.lastIndexOf("/") + 1);
  await step("The customer's Global Administrator opens the link and accepts the agreement", async () => {
    const agreement = await request("GET", "/api/agreement");
    await request("GET", `/api/invitations/${linkToken}`, customerToken);
    await request("POST", `/api/invitations/${linkToken}/accept`, customerToken, {
      agreementVersion: agreement.version,
      acknowledged: true
    });
    return `${link}  (the page for people; API: ${base}/api/invitations/{token})`;
  });

  await step("The role grants are applied: the relationship becomes active", async () => {
    const active = await poll(async () => {
      const body = await request("GET", `/api/customer/relationships/${relationshipId}`, customerToken);
      return body.status === "active" ? body : undefined;
    }, "activation");
    return `${base}/api/customer/relationships/${relationshipId}  (active until ${String(active.endDateTime)})`;
  });

  const accessPath = `/api/access?partnerTenantId=${partner.tenantId}&customerTenantId=${customer.tenantId}&roleDefinitionId=${helpdeskAdministrator}`;
  await step("The platform asks: may the partner act as Helpdesk Administrator for this customer now?", async () => {
    const answer = await request("GET", accessPath, partnerToken);
    return `${base}${accessPath}  → ${JSON.stringify(answer)}`;
  });

  await step("The customer removes the partner's roles (the relationship stays)", async () => {
    await request("POST", `/api/customer/relationships/${relationshipId}/remove-roles`, customerToken);
    const answer = await poll(async () => {
      const body = await request("GET", accessPath, partnerToken);
      return body.allowed === false ? body : undefined;
    }, "the grants to be revoked");
    const after = await request("GET", `/api/customer/relationships/${relationshipId}`, customerToken);
    const roles = (after.accessDetails as { unifiedRoles: unknown[] }).unifiedRoles.length;
    return `${base}${accessPath}  → ${JSON.stringify(answer)}; relationship ${String(after.status)} with ${roles} roles`;
  });

  console.log(`\nDone. Look around: the mailbox ${base}/dev/mailbox, the API ${base}/api/openapi.json`);
}

let stepNumber = 0;
async function step<T>(title: string, run: () => Promise<string | { result: T; show: string }>): Promise<T> {
  stepNumber += 1;
  process.stdout.write(`${stepNumber}. ${title}\n`);
  const outcome = await run();
  const shown = typeof outcome === "string" ? outcome : outcome.show;
  process.stdout.write(`   ${shown}\n`);
  return (typeof outcome === "string" ? undefined : outcome.result) as T;
}

async function token(claims: Json): Promise<string> {
  const body = await request("POST", "/dev/issuer/token", undefined, claims);
  return String(body.access_token);
}

async function request(method: string, path: string, bearer?: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  }).catch(() => {
    throw new Error(`Nothing answers at ${base}. Start the system first: npm start`);
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as Json;
}

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

main().catch((error: unknown) => {
  console.error(`\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
