import { beforeEach, describe, expect, it } from "vitest";
import type { ApplicationBody } from "../../../shared/api/onboarding-schemas";
import type { Principal } from "../../../shared/auth/principal";
import { nameSkeleton } from "../../../shared/domain/name-skeleton";
import { invitingRefusal } from "../../../shared/domain/partner-standing";
import { ConflictError, PreconditionFailedError, ValidationError } from "../../../shared/errors";
import type { OnboardingActor } from "../../../shared/tenants/partner-onboarding";
import { approveApplication, rejectApplication } from "../../../shared/use-cases/operator-review";
import { submitApplication } from "../../../shared/use-cases/partner-application";
import { claimPartnerName, staleClaimMinutes } from "../../../shared/use-cases/partner-name-claims";
import { reinstatePartner, suspendPartner } from "../../../shared/use-cases/partner-standing";
import { TestClock } from "../../support/in-memory/clock";
import { InMemoryOnboarding, InMemoryTenants } from "../../support/in-memory/onboarding-stores";

const first = "a0000000-0000-4000-8000-000000000001";
const second = "a0000000-0000-4000-8000-000000000002";
const operator: OnboardingActor = {
  kind: "operator",
  tenantId: "0be7a70a-5e1f-4c0d-9a1b-0000000000f1",
  userId: "op-1",
  displayName: "Olga Operator"
};

const admin = (tenantId: string): Principal => ({
  tenantId,
  userId: `admin-of-${tenantId}`,
  displayName: "Ada Admin",
  directoryRoles: [],
  appRoles: ["Partner.Admin"]
});
const body = (overrides: Partial<ApplicationBody> = {}): ApplicationBody => ({
  legalName: "Adventure Works Consulting Ltd",
  partnerId: "1234567",
  verifiedDomain: "adventure-works.example",
  contact: { name: "Ada Admin", email: "ada@adventure-works.example" },
  displayName: "Adventure Works",
  ...overrides
});

describe("partner onboarding use cases", () => {
  let ports: { onboarding: InMemoryOnboarding; tenants: InMemoryTenants; clock: TestClock };
  beforeEach(() => {
    ports = { onboarding: new InMemoryOnboarding(), tenants: new InMemoryTenants(), clock: new TestClock() };
  });

  it("takes an application into review, lets it be updated, and approval makes an approved partner with its identity", async () => {
    await submitApplication(ports, { applicant: admin(first), body: body() });
    const updated = await submitApplication(ports, { applicant: admin(first), body: body({ partnerId: "7654321" }) });
    expect(updated.document).toMatchObject({ status: "inReview", partnerId: "7654321" });
    expect(updated.document.history.map((event) => event.action)).toEqual(["submitted", "updated"]);
    expect(await ports.tenants.getPartner(first)).toBeUndefined();

    const approved = await approveApplication(ports, { tenantId: first, operator });
    expect(approved.document.decision).toMatchObject({ status: "approved", operator: { userId: "op-1" } });
    const partner = await ports.tenants.getPartner(first);
    expect(partner).toMatchObject({
      status: "approved",
      displayName: "Adventure Works",
      identity: {
        legalName: "Adventure Works Consulting Ltd",
        partnerId: "7654321",
        verifiedDomain: "adventure-works.example"
      }
    });
    expect(invitingRefusal(partner as NonNullable<typeof partner>)).toBeUndefined();
    expect(await ports.onboarding.claimOwner(nameSkeleton("Adventure Works"))).toBe(first);
  });

  it("refuses a second tenant a look-alike of an approved partner's name, at application and at approval", async () => {
    await submitApplication(ports, { applicant: admin(first), body: body() });
    await submitApplication(ports, { applicant: admin(second), body: body({ displayName: "ADVENTURE W0RKS" }) });
    await approveApplication(ports, { tenantId: first, operator });

    const applying = submitApplication(ports, {
      applicant: admin(second),
      body: body({ displayName: "Adventure-Works" })
    });
    await expect(applying).rejects.toBeInstanceOf(ConflictError);
    await expect(applying).rejects.toMatchObject({ errors: [{ field: "displayName" }] });
    await expect(approveApplication(ports, { tenantId: second, operator })).rejects.toMatchObject({
      status: 409,
      errors: [{ field: "displayName" }]
    });
    expect(await ports.tenants.getPartner(second)).toBeUndefined();
  });

  it("refuses reserved and look-alike names with a 400 naming displayName", async () => {
    for (const displayName of ["Місrosoft", "MICROSOFT support", "Ｍｉｃｒｏｓｏｆｔ", "Security team"]) {
      const attempt = submitApplication(ports, { applicant: admin(first), body: body({ displayName }) });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ errors: [{ field: "displayName" }] });
    }
  });

  it("records a rejection with its reason, and a reapplication starts a new round that keeps the history", async () => {
    await submitApplication(ports, { applicant: admin(first), body: body() });
    const rejected = await rejectApplication(ports, {
      tenantId: first,
      operator,
      reason: "The domain is not verified in your tenant."
    });
    expect(rejected.document).toMatchObject({
      status: "rejected",
      decision: { status: "rejected", reason: "The domain is not verified in your tenant." }
    });
    await expect(approveApplication(ports, { tenantId: first, operator })).rejects.toBeInstanceOf(ConflictError);

    ports.clock.advanceMinutes(60);
    const again = await submitApplication(ports, {
      applicant: admin(first),
      body: body({ verifiedDomain: "adventureworks.example" })
    });
    expect(again.document.status).toBe("inReview");
    expect(again.document.decision).toBeUndefined();
    expect(again.document.submittedDateTime).toBe(ports.clock.now().toISOString());
    expect(again.document.history.map((event) => event.action)).toEqual(["submitted", "rejected", "submitted"]);
  });

  it("does not decide an application that changed since the operator read it", async () => {
    const read = await submitApplication(ports, { applicant: admin(first), body: body() });
    await submitApplication(ports, { applicant: admin(first), body: body({ legalName: "Someone Else Ltd" }) });
    await expect(approveApplication(ports, { tenantId: first, operator, ifMatch: read.etag })).rejects.toBeInstanceOf(
      PreconditionFailedError
    );
    expect(await ports.tenants.getPartner(first)).toBeUndefined();
  });

  it("finishes an approval that crashed before the partner was registered when the operator approves again", async () => {
    await submitApplication(ports, { applicant: admin(first), body: body() });
    ports.tenants.failNextRegistration = true;
    await expect(approveApplication(ports, { tenantId: first, operator })).rejects.toThrow("the process died");
    expect(await ports.tenants.getPartner(first)).toBeUndefined();

    await approveApplication(ports, { tenantId: first, operator });
    expect((await ports.tenants.getPartner(first))?.status).toBe("approved");
    // A third approval changes nothing.
    const again = await approveApplication(ports, { tenantId: first, operator });
    expect(again.document.history.filter((event) => event.action === "approved")).toHaveLength(1);
    expect((await ports.tenants.getPartner(first))?.standing).toHaveLength(1);
  });

  it("lets another tenant take over a claim its owner no longer uses, but only once it is old enough", async () => {
    // A crash mid-rename left "Adventure Works" claimed by a partner now called something else.
    await ports.tenants.registerPartner({
      tenantId: first,
      displayName: "Contoso Renamed",
      identity: { legalName: "C", partnerId: "1234567", verifiedDomain: "c.example" },
      approval: { action: "approved", at: "2027-03-01T09:00:00.000Z", actor: { kind: "system" } }
    });
    await claimPartnerName(ports, first, "Adventure Works", "name");
    await expect(claimPartnerName(ports, second, "Adventure Works", "name")).rejects.toBeInstanceOf(ConflictError);

    ports.clock.advanceMinutes(staleClaimMinutes + 1);
    await claimPartnerName(ports, second, "Adventure Works", "name");
    expect(await ports.onboarding.claimOwner(nameSkeleton("Adventure Works"))).toBe(second);
  });

  it("keeps a claim its owner still uses, however old", async () => {
    await ports.tenants.registerPartner({
      tenantId: first,
      displayName: "Adventure Works",
      identity: { legalName: "A", partnerId: "1234567", verifiedDomain: "a.example" },
      approval: { action: "approved", at: "2027-03-01T09:00:00.000Z", actor: { kind: "system" } }
    });
    await claimPartnerName(ports, first, "Adventure Works", "name");
    ports.clock.advanceMinutes(60 * 24 * 365);
    await expect(claimPartnerName(ports, second, "Adventure Works", "name")).rejects.toMatchObject({
      status: 409,
      errors: [{ field: "name" }]
    });
  });

  it("suspends a partner (it may no longer invite) and reinstates it, recording who and why", async () => {
    await submitApplication(ports, { applicant: admin(first), body: body() });
    await approveApplication(ports, { tenantId: first, operator });
    const suspended = await suspendPartner(ports, first, operator, "Complaints from customers");
    expect(suspended.status).toBe("suspended");
    expect(invitingRefusal(suspended)).toMatch(/suspended/);
    expect(suspended.standing?.at(-1)).toMatchObject({
      action: "suspended",
      reason: "Complaints from customers",
      actor: { kind: "operator", userId: "op-1" }
    });
    // Suspending twice records nothing new.
    expect((await suspendPartner(ports, first, operator, "again")).standing).toHaveLength(2);

    const reinstated = await reinstatePartner(ports, first, operator);
    expect(reinstated.status).toBe("approved");
    expect(invitingRefusal(reinstated)).toBeUndefined();
    await expect(suspendPartner(ports, second, operator, "no such partner")).rejects.toMatchObject({ status: 404 });
  });

  it("refuses an application from a tenant that is already an approved partner", async () => {
    await submitApplication(ports, { applicant: admin(first), body: body() });
    await approveApplication(ports, { tenantId: first, operator });
    await expect(
      submitApplication(ports, { applicant: admin(first), body: body({ displayName: "Adventure Works Two" }) })
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
