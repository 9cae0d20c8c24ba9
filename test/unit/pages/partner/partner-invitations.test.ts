import { describe, expect, it } from "vitest";
import {
  readInvitationForm,
  toFormErrors,
  toInvitationRequest
} from "../../../../shared/pages/partner/invitation-form";
import { invitationClock, timeAgo } from "../../../../shared/pages/partner/invitation-timing";

const day = 86_400_000;
const created = new Date("2026-01-01T12:00:00Z");
const expires = new Date(created.getTime() + 90 * day);

describe("invitation timing on the partner page", () => {
  it("says how long ago in words", () => {
    expect(timeAgo(created, new Date(created.getTime() + 30_000))).toBe("just now");
    expect(timeAgo(created, new Date(created.getTime() + 5 * 60_000))).toBe("5 minutes ago");
    expect(timeAgo(created, new Date(created.getTime() + 3 * 3_600_000))).toBe("3 hours ago");
    expect(timeAgo(created, new Date(created.getTime() + 1.5 * day))).toBe("yesterday");
    expect(timeAgo(created, new Date(created.getTime() + 3 * day))).toBe("3 days ago");
  });

  it("gives a new invitation all its 90 days and does not highlight it", () => {
    const clock = invitationClock(created.toISOString(), expires.toISOString(), new Date(created.getTime() + 1_000));
    expect(clock).toMatchObject({
      sentText: "sent just now",
      daysLeft: 90,
      expiresText: "expires in 90 days",
      expiringSoon: false,
      lapsed: false
    });
  });

  it("highlights an invitation once fewer than 14 of its days are left", () => {
    const at = (daysAfter: number) =>
      invitationClock(created.toISOString(), expires.toISOString(), new Date(created.getTime() + daysAfter * day));
    expect(at(76)).toMatchObject({ daysLeft: 14, expiringSoon: false });
    expect(at(77)).toMatchObject({
      daysLeft: 13,
      expiringSoon: true,
      expiresText: "expires in 13 days",
      sentText: "sent 77 days ago"
    });
    expect(at(89.9)).toMatchObject({ daysLeft: 1, expiringSoon: true });
    expect(at(90)).toMatchObject({ lapsed: true, expiringSoon: false, expiresText: "link expired" });
  });
});

describe("the new invitation form", () => {
  const form = (entries: [string, string][]) => new URLSearchParams(entries);

  it("becomes the API's request: days as an ISO duration, auto-extend as P180D, roles only for types that choose them", () => {
    const values = readInvitationForm(
      form([
        ["displayName", "Managed services"],
        ["partnerType", "partnerWithGdap"],
        ["adminEmail", "admin@contoso.example"],
        ["customerTenantId", " c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01 "],
        ["role", "729827e3-9c14-49f7-bb1b-9608f156bbb8"],
        ["durationDays", "180"],
        ["autoExtend", "on"]
      ])
    );
    expect(toInvitationRequest(values)).toEqual({
      partnerType: "partnerWithGdap",
      displayName: "Managed services",
      customer: { adminEmail: "admin@contoso.example", tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01" },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }] },
      duration: "P180D",
      autoExtendDuration: "P180D"
    });
    const reseller = toInvitationRequest({ ...values, partnerType: "reseller", customerTenantId: "" });
    expect(reseller.accessDetails).toBeUndefined();
    expect(reseller.customer).toEqual({ adminEmail: "admin@contoso.example" });
  });

  it("lets days that are not a number reach the rules, so every problem is reported together", () => {
    const values = readInvitationForm(form([["durationDays", "ten"]]));
    expect(toInvitationRequest(values).duration).toBe("not-a-number-of-days");
    expect(toInvitationRequest({ ...values, durationDays: "" }).duration).toBeUndefined();
  });

  it("names the page's fields in the rules' messages and links each to its input", () => {
    const errors = toFormErrors(
      [
        { field: "displayName", message: "is required." },
        { field: "customer.adminEmail", message: "must be an email address such as admin@contoso.com." },
        { field: "duration", message: "must be an ISO-8601 duration in whole days." },
        {
          field: "accessDetails.unifiedRoles.0.roleDefinitionId",
          message: "Global Reader cannot be granted through GDAP."
        },
        {
          field: "autoExtendDuration",
          message: "must be PT0S: a relationship that includes Global Administrator is never extended automatically."
        }
      ],
      "role-first"
    );
    expect(errors).toEqual([
      { inputId: "displayName", field: "displayName", message: "Relationship name is required." },
      {
        inputId: "adminEmail",
        field: "adminEmail",
        message: "Customer admin email must be an email address such as admin@contoso.com."
      },
      {
        inputId: "durationDays",
        field: "durationDays",
        message: "Enter the number of days, a whole number from 1 to 730."
      },
      { inputId: "role-first", field: "roles", message: "Global Reader cannot be granted through GDAP." },
      {
        inputId: "autoExtend",
        field: "autoExtend",
        message:
          "Turn auto-extend off: a relationship that includes Global Administrator is never extended automatically."
      }
    ]);
  });
});
