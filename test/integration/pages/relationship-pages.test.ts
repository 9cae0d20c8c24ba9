import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgreement } from "../../../shared/domain/agreement";
import { demoPartnerTenants } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { csrfOf, eventually, get, hiddenField, invite, mainText, post, signIn, wids, type Browser } from "./pages-kit";

type Status = {
  id: string;
  status: string;
  statusLabel: string;
  roleCount: number;
  roles: { displayName: string }[];
  actions: { removeRoles: boolean; terminate: boolean };
};

describe("pages: Partner relationships, details, Remove roles and Terminate", () => {
  let runtime: LocalRuntime;
  const partner = demoPartnerTenants[1];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  /** A GDAP relationship a Global Administrator of a new customer tenant accepted through the pages, once active. */
  async function activeRelationship(): Promise<{ id: string; customer: string; ga: Browser }> {
    const customer = randomUUID();
    const { id, token } = await invite(runtime, partner);
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const page = await get(runtime, `/invitations/${token}`, ga);
    const accepted = await post(runtime, `/invitations/${token}/accept`, ga, {
      csrf: csrfOf(page.text),
      agreementVersion: currentAgreement.version,
      terms: hiddenField(page.text, "terms"),
      acknowledged: "yes"
    });
    if (accepted.status !== 303) throw new Error(`accept failed: ${accepted.status}`);
    await eventually(
      () => status(id, ga),
      (current) => current.status === "active"
    );
    return { id, customer, ga };
  }

  const status = async (id: string, browser: Browser) =>
    JSON.parse((await get(runtime, `/partner-relationships/${id}/status`, browser)).text) as Status;

  it("lists the tenant's partners with type, status (data-status), number of roles and end date, each row linking to its details", async () => {
    const { id, ga } = await activeRelationship();
    const page = await get(runtime, "/partner-relationships", ga);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Partner relationships</h1>");
    expect(page.text).toContain('data-poll-url="/partner-relationships/status"');
    const row = new RegExp(`<tr data-row-id="${id}" data-status="active">[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? "";
    expect(row).toContain(`href="/partner-relationships/${id}"`);
    expect(row).toContain("Fabrikam IT Services");
    expect(row).toContain("Partner with GDAP access");
    expect(row).toContain('<span class="status" data-field="status" data-status="active">Active</span>');
    expect(row).toContain('<span data-field="roleCount">2</span>');
    expect(row).toMatch(/<span data-field="endDate">\d{1,2} \w+ \d{4}<\/span>/);
    const listed = JSON.parse((await get(runtime, "/partner-relationships/status", ga)).text) as {
      relationships: Status[];
    };
    expect(listed.relationships).toEqual([expect.objectContaining({ id, status: "active", roleCount: 2 })]);
  });

  it("shows the details: status, roles with descriptions, dates, auto-extend, history, and Remove roles / Terminate with their dialogs", async () => {
    const { id, ga } = await activeRelationship();
    const page = await get(runtime, `/partner-relationships/${id}`, ga);
    expect(page.status).toBe(200);
    const text = mainText(page.text);
    expect(text).toContain("Status Active");
    expect(text).toContain("Helpdesk Administrator");
    expect(text).toContain("User Administrator");
    expect(text).toMatch(/Ends on \d{1,2} \w+ \d{4}/);
    expect(text).toContain("Auto-extend Off");
    expect(text).toMatch(/Accepted by User/);
    expect(text).toContain("Invitation created");
    expect(page.text).toContain(`data-poll-url="/partner-relationships/${id}/status"`);
    expect(page.text).toContain('data-opens-dialog="remove-roles-dialog">Remove roles</button>');
    expect(page.text).toContain('<h2 id="remove-roles-title">Remove roles?</h2>');
    expect(page.text).toContain('data-opens-dialog="terminate-dialog">Terminate</button>');
    // Without the script, Remove roles is a GET to a confirmation page with the same form.
    expect(page.text).toContain(
      `<form method="get" action="/partner-relationships/${id}/remove-roles" data-action="removeRoles">`
    );
    const confirm = await get(runtime, `/partner-relationships/${id}/remove-roles`, ga);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("<h1>Remove roles?</h1>");
    expect(confirm.text).toContain('<button type="submit" class="button--danger">Yes</button>');
  });

  it("removes the roles on Yes (303 back to the details): no roles, still listed, the status JSON agrees", async () => {
    const { id, ga } = await activeRelationship();
    const page = await get(runtime, `/partner-relationships/${id}`, ga);

    const removed = await post(runtime, `/partner-relationships/${id}/remove-roles`, ga, { csrf: csrfOf(page.text) });

    expect(removed.status).toBe(303);
    expect(removed.location).toBe(`/partner-relationships/${id}?removed=1`);
    const details = await get(runtime, removed.location as string, ga);
    expect(mainText(details.text)).toContain(
      "Admin roles removed. Fabrikam IT Services no longer has admin roles in your organisation; the relationship stays."
    );
    expect(details.text).toContain('<p data-field="noRoles">This partner has no admin roles in your organisation.</p>');
    expect(details.text).toContain(
      `<form method="get" action="/partner-relationships/${id}/remove-roles" data-action="removeRoles" hidden>`
    );
    expect(mainText(details.text)).toContain("Admin roles removed by");
    const current = await status(id, ga);
    expect(current).toMatchObject({
      status: "active",
      roleCount: 0,
      roles: [],
      actions: { removeRoles: false, terminate: true }
    });
    const list = await get(runtime, "/partner-relationships", ga);
    expect(list.text).toContain(`data-row-id="${id}"`);
    expect(list.text).toMatch(new RegExp(`data-row-id="${id}"[\\s\\S]*?<span data-field="roleCount">0</span>`));
  });

  it("refuses Remove roles without the CSRF token or from another site, and keeps the roles", async () => {
    const { id, ga } = await activeRelationship();
    const page = await get(runtime, `/partner-relationships/${id}`, ga);
    expect((await post(runtime, `/partner-relationships/${id}/remove-roles`, ga, {})).status).toBe(403);
    expect(
      (
        await post(
          runtime,
          `/partner-relationships/${id}/remove-roles`,
          ga,
          { csrf: csrfOf(page.text) },
          { origin: "https://evil.example" }
        )
      ).status
    ).toBe(403);
    expect((await status(id, ga)).roleCount).toBe(2);
  });

  it("terminates after its own confirmation; the status moves on without a reload (polled JSON)", async () => {
    const { id, ga } = await activeRelationship();
    const confirm = await get(runtime, `/partner-relationships/${id}/terminate`, ga);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("<h1>Terminate this relationship?</h1>");
    const terminated = await post(runtime, `/partner-relationships/${id}/terminate`, ga, {
      csrf: csrfOf(confirm.text)
    });
    expect(terminated.status).toBe(303);
    expect(terminated.location).toBe(`/partner-relationships/${id}?terminated=1`);
    const final = await eventually(
      () => status(id, ga),
      (current) => current.status === "terminated"
    );
    expect(final).toMatchObject({
      status: "terminated",
      statusLabel: "Terminated",
      actions: { removeRoles: false, terminate: false }
    });
  });

  it("keeps another tenant's relationship and its status out of reach (404), and asks for a role before listing (403)", async () => {
    const { id } = await activeRelationship();
    const stranger = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.globalAdministrator] });
    expect((await get(runtime, `/partner-relationships/${id}`, stranger)).status).toBe(404);
    expect((await get(runtime, `/partner-relationships/${id}/status`, stranger)).status).toBe(404);
    const user = await signIn(runtime, {
      tenantId: randomUUID(),
      name: "Helen Helpdesk",
      wids: [wids.helpdeskAdministrator]
    });
    const list = await get(runtime, "/partner-relationships", user);
    expect(list.status).toBe(403);
    expect(mainText(list.text)).toContain("You are signed in as Helen Helpdesk with Helpdesk Administrator.");
    expect(mainText(list.text)).toContain("Billing Administrator");
    const json = await get(runtime, "/partner-relationships/status", user);
    expect(json.status).toBe(403);
    expect(json.headers.get("content-type")).toContain("application/json");
    const anonymous = await get(runtime, "/partner-relationships/status");
    expect(anonymous.status).toBe(401);
  });
});
