import { describe, expect, it } from "vitest";
import {
  changeErrors,
  deleteRefusal,
  labelError,
  maxLiveAssignments,
  newAssignmentErrors,
  sameRoles
} from "../../../shared/domain/access-assignments";

const helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const userAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const securityReader = "5d6b6bb7-de71-4623-b4af-96380a352509";
const group = "11111111-2222-4333-8444-555555555555";

const active = {
  status: "active" as const,
  accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }, { roleDefinitionId: userAdmin }] }
};

describe("newAssignmentErrors", () => {
  it("allows a subset of the relationship's roles on an active or expiring relationship, whatever the case of the ids", () => {
    expect(newAssignmentErrors(active, [], group, [helpdesk.toUpperCase()])).toEqual([]);
    expect(newAssignmentErrors({ ...active, status: "expiring" }, [], group, [helpdesk, userAdmin])).toEqual([]);
  });

  it("refuses on a relationship that does not give its roles (409), naming its status", () => {
    for (const status of [
      "approvalPending",
      "approved",
      "activating",
      "terminationRequested",
      "terminated",
      "expired"
    ] as const) {
      expect(newAssignmentErrors({ ...active, status }, [], group, [helpdesk])).toEqual([
        { kind: "conflict", message: expect.stringContaining(`this one is ${status}`) }
      ]);
    }
  });

  it("names an empty role list, a role the relationship does not hold and a role listed twice (400)", () => {
    expect(newAssignmentErrors(active, [], group, [])).toEqual([
      { kind: "invalid", field: "accessDetails.unifiedRoles", message: "must name at least one role" }
    ]);
    expect(newAssignmentErrors(active, [], group, [helpdesk, securityReader, helpdesk])).toEqual([
      {
        kind: "invalid",
        field: "accessDetails.unifiedRoles.1.roleDefinitionId",
        message: expect.stringContaining("is not a role of this relationship")
      },
      { kind: "invalid", field: "accessDetails.unifiedRoles.2.roleDefinitionId", message: "is listed twice" }
    ]);
  });

  it("refuses a second live assignment for the same group (409 naming the container), but not after the first is deleted", () => {
    const first = { id: "a1", securityGroupId: group.toUpperCase(), status: "error" as const };
    const live = [first];
    expect(newAssignmentErrors(active, live, group, [helpdesk])).toEqual([
      {
        kind: "conflict",
        field: "accessContainer.accessContainerId",
        message: expect.stringContaining("already has an access assignment on this relationship (a1)")
      }
    ]);
    expect(newAssignmentErrors(active, [{ ...first, status: "deleted" }], group, [helpdesk])).toEqual([]);
  });

  it(`holds at most ${maxLiveAssignments} live assignments; deleted ones do not count`, () => {
    const full = Array.from({ length: maxLiveAssignments }, (_, n) => ({
      id: `a${n}`,
      securityGroupId: `g${n}`,
      status: "active" as const
    }));
    expect(newAssignmentErrors(active, full, group, [helpdesk])).toEqual([
      { kind: "conflict", message: expect.stringContaining("at most 100") }
    ]);
    expect(
      newAssignmentErrors(
        active,
        full.map((a, n) => (n === 0 ? { ...a, status: "deleted" as const } : a)),
        group,
        [helpdesk]
      )
    ).toEqual([]);
  });
});

describe("changeErrors and deleteRefusal", () => {
  it("refuses to change or delete a deleted assignment, or one being deleted (409)", () => {
    for (const status of ["deleted", "deleting"] as const) {
      expect(changeErrors(active, { status }, [helpdesk])).toEqual([
        { kind: "conflict", message: expect.stringMatching(/cannot be changed/) }
      ]);
      expect(deleteRefusal({ status })).toEqual({
        kind: "conflict",
        message: expect.stringMatching(/cannot be deleted/)
      });
    }
  });

  it("allows changing pending, active and failed assignments to roles the relationship holds", () => {
    for (const status of ["pending", "active", "error"] as const) {
      expect(changeErrors(active, { status }, [userAdmin])).toEqual([]);
      expect(deleteRefusal({ status })).toBeUndefined();
    }
    expect(changeErrors(active, { status: "active" }, [securityReader])[0]).toMatchObject({
      kind: "invalid",
      field: "accessDetails.unifiedRoles.0.roleDefinitionId"
    });
    expect(changeErrors({ ...active, status: "terminated" }, { status: "active" }, [helpdesk])[0]).toMatchObject({
      kind: "conflict"
    });
  });
});

describe("labelError and sameRoles", () => {
  it("takes a short line of text and refuses empty, long or control characters", () => {
    expect(labelError("Helpdesk tier 1")).toBeUndefined();
    expect(labelError("   ")).toMatch(/must not be empty/);
    expect(labelError("x".repeat(101))).toMatch(/at most 100/);
    expect(labelError("two\nlines")).toMatch(/control/);
    expect(labelError("zero\u200bwidth")).toMatch(/invisible/);
  });

  it("compares role lists as sets, whatever the order and case", () => {
    expect(sameRoles([helpdesk, userAdmin], [userAdmin.toUpperCase(), helpdesk])).toBe(true);
    expect(sameRoles([helpdesk], [helpdesk, userAdmin])).toBe(false);
  });
});
