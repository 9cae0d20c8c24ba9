/**
 * What a person does in the browser, as steps the e2e stories share: sign in on the dev sign-in page, create an
 * invitation on the partner page, find an email in the local mailbox, wait for a status the page updates itself.
 */
import { randomUUID } from "node:crypto";
import type { Frame, Page } from "playwright-core";
import type { LocalRuntime } from "../helpers/local-runtime";

/** The demo tenants the runtime registers (local/demo-data.ts), as the sign-in page labels them. */
export const tenants = {
  contoso: { id: "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01", label: "Contoso Cloud Partners (partner)" },
  fabrikam: { id: "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a02", label: "Fabrikam IT Services (partner)" },
  tailspin: { id: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01", label: "Tailspin Toys (customer)" },
  wideWorld: { id: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e02", label: "Wide World Importers (customer)" }
} as const;

export interface SignIn {
  readonly tenant: { readonly label: string };
  readonly name: string;
  /** Directory roles as the sign-in page names them ("Global Administrator"). */
  readonly roles?: readonly string[];
  readonly partnerAdmin?: boolean;
}

/** Fills the dev sign-in page the browser is on and waits until it has returned to where it came from. */
export async function signIn(page: Page, who: SignIn): Promise<void> {
  await page.waitForURL((url) => url.pathname === "/dev/sign-in");
  await page.getByLabel(who.tenant.label, { exact: true }).check();
  await page.getByLabel("User name").fill(who.name);
  for (const role of who.roles ?? []) await page.getByLabel(role, { exact: true }).check();
  if (who.partnerAdmin) await page.getByLabel("Partner.Admin", { exact: true }).check();
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/dev/sign-")),
    page.getByRole("button", { name: "Sign in" }).click()
  ]);
}

export interface NewInvitation {
  readonly displayName: string;
  readonly adminEmail: string;
  readonly customerTenantId?: string;
  /** Role names as the picker labels them. */
  readonly roles: readonly string[];
  readonly durationDays?: number;
}

/** On /partner/invitations: fills in and submits the form; resolves with the invitation link the page shows. */
export async function createInvitationInUi(
  page: Page,
  invitation: NewInvitation,
  beforeSubmit?: () => Promise<void>
): Promise<string> {
  const form = page.locator("form.invitation-form");
  await form.getByLabel("Relationship name").fill(invitation.displayName);
  await form.getByLabel("Partner type").selectOption({ label: "Partner with GDAP access" });
  await form.getByLabel("Customer admin email").fill(invitation.adminEmail);
  if (invitation.customerTenantId)
    await form.getByLabel("Customer tenant ID (optional)").fill(invitation.customerTenantId);
  const privileged = form.locator("details.privileged-roles");
  for (const role of invitation.roles) {
    // The accessible name is the role's name, then its "Privileged role" tag if it has one.
    const box = form.getByRole("checkbox", { name: new RegExp(`^${escapeRegExp(role)}\\b`) });
    if (!(await box.isVisible())) await privileged.locator("summary").click();
    await box.check();
  }
  if (invitation.durationDays !== undefined)
    await form.getByLabel("Duration (days)").fill(String(invitation.durationDays));
  await beforeSubmit?.();
  await Promise.all([page.waitForURL(/[?&]created=/), form.getByRole("button", { name: "Create invitation" }).click()]);
  return page.getByLabel("Invitation link").inputValue();
}

/**
 * Opens the local mailbox until a message to `to` whose subject contains `subjectPart` is listed (then calls
 * `onListed`, e.g. for a screenshot of the list), and opens that message.
 */
export async function openEmail(
  page: Page,
  runtime: Pick<LocalRuntime, "url">,
  to: string,
  subjectPart: string,
  onListed?: () => Promise<void>
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.goto(`${runtime.url}/dev/mailbox`);
    const row = page.locator("tbody tr", { hasText: to }).filter({ hasText: subjectPart });
    if ((await row.count()) > 0) {
      await onListed?.();
      await Promise.all([page.waitForURL(/\/dev\/mailbox\/[^/]+$/), row.first().getByRole("link").click()]);
      return;
    }
    if (Date.now() > deadline) throw new Error(`No email to ${to} with "${subjectPart}" arrived in 15 s`);
    await page.waitForTimeout(250);
  }
}

/** The email's HTML body, shown in the message page's sandboxed iframe. */
export async function emailBody(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe[title="HTML body"]').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error("The message page shows no HTML body");
  await frame.waitForLoadState();
  return frame;
}

/** Marks the document, so a later check can tell the page updated itself rather than being reloaded. */
export async function markDocument(page: Page): Promise<string> {
  const marker = randomUUID();
  // A string expression: these run in the page, and the tests are compiled without the DOM library.
  await page.evaluate(`document.documentElement.setAttribute("data-test-marker", ${JSON.stringify(marker)})`);
  return marker;
}

export async function sameDocument(page: Page, marker: string): Promise<boolean> {
  return (await page.locator("html").getAttribute("data-test-marker")) === marker;
}

/** How many elements an injected `<img src=x onerror=...>` would have created: none, when names are escaped. */
export async function injectedImages(target: Page | Frame): Promise<number> {
  return target.locator('img[src="x"]').count();
}

/** True when the page is no wider than the viewport (nothing to scroll sideways at phone width). */
export async function fitsViewport(page: Page): Promise<boolean> {
  return (await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")) === true;
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 6)}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
