import { describe, expect, it } from "vitest";
import {
  applyTransition,
  canRemoveRoles,
  relationshipActions,
  transitions,
  type RelationshipAction
} from "../../../shared/domain/lifecycle";
import {
  finalStatuses,
  isFinal,
  relationshipStatuses,
  type RelationshipStatus
} from "../../../shared/domain/relationship";
import { helpdeskAdministratorRoleId } from "../../../shared/domain/roles";

// Written out by hand from domain.md, not derived from the module's table, so a wrong entry there shows up here.
const expectedMoves: Record<string, RelationshipStatus> = {
  "created lockForApproval": "approvalPending",
  "approvalPending accept": "approved",
  "approvalPending decline": "declined",
  "approvalPending cancel": "cancelled",
  "approvalPending expireInvitation": "expired",
  "approved startActivation": "activating",
  "activating activate": "active",
  "active enterExpiringWindow": "expiring",
  "active extend": "active",
  "expiring extend": "active",
  "active expire": "expired",
  "expiring expire": "expired",
  "approved requestTermination": "terminationRequested",
  "activating requestTermination": "terminationRequested",
  "active requestTermination": "terminationRequested",
  "expiring requestTermination": "terminationRequested",
  "terminationRequested startTermination": "terminating",
  "terminating completeTermination": "terminated"
};

const allPairs = relationshipStatuses.flatMap((status) =>
  relationshipActions.map((action) => [status, action] as const)
);

describe("applyTransition", () => {
  it("covers 12 statuses and 13 actions, created first", () => {
    expect(relationshipStatuses).toHaveLength(12);
    expect(relationshipStatuses[0]).toBe("created");
    expect(relationshipActions).toHaveLength(13);
  });

  it.each(allPairs.filter(([status, action]) => `${status} ${action}` in expectedMoves))(
    "moves %s on %s",
    (status, action) => {
      expect(applyTransition(status, action)).toEqual({ refused: false, status: expectedMoves[`${status} ${action}`] });
    }
  );

  it.each(allPairs.filter(([status, action]) => !(`${status} ${action}` in expectedMoves)))(
    "refuses %s on %s with a reason",
    (status, action) => {
      const result = applyTransition(status, action);
      expect(result.refused).toBe(true);
      if (result.refused) expect(result.reason).toMatch(/^[A-Z].{20,}\.$/);
    }
  );

  it("exports a table with exactly the expected moves", () => {
    const moves = Object.entries(transitions).flatMap(([action, byStatus]) =>
      Object.entries(byStatus).map(([status, next]) => [`${status} ${action}`, next] as const)
    );
    expect(Object.fromEntries(moves)).toEqual(expectedMoves);
  });

  it("tells the partner an expired relationship cannot be restored", () => {
    for (const action of relationshipActions) {
      expect(applyTransition("expired", action)).toEqual({
        refused: true,
        reason: "An expired relationship cannot be restored; send a new invitation."
      });
    }
  });

  it("points to a new invitation from every final status", () => {
    for (const status of finalStatuses) {
      const result = applyTransition(status, "accept");
      expect(result.refused && result.reason).toContain("new invitation");
    }
  });

  it("says how to end a pending invitation instead of terminating it", () => {
    const result = applyTransition("approvalPending", "requestTermination");
    expect(result.refused && result.reason).toContain("cancels it");
  });

  it("tells the partner a draft is deleted, not terminated", () => {
    const result = applyTransition("created", "requestTermination");
    expect(result.refused && result.reason).toContain("delete it instead");
  });

  it("locks for approval only once", () => {
    const result = applyTransition("approvalPending", "lockForApproval");
    expect(result.refused && result.reason).toContain("Only a relationship in created can be locked for approval");
  });

  it("names the current state when refusing a second acceptance", () => {
    const result = applyTransition("active", "accept" satisfies RelationshipAction);
    expect(result.refused && result.reason).toBe(
      "Only a pending invitation can be accepted. This relationship is active."
    );
  });
});

describe("isFinal", () => {
  it("is true for expired, terminated, declined and cancelled only", () => {
    expect(relationshipStatuses.filter(isFinal)).toEqual(["expired", "terminated", "declined", "cancelled"]);
  });
});

describe("canRemoveRoles", () => {
  const withRoles = { unifiedRoles: [{ roleDefinitionId: helpdeskAdministratorRoleId }] };

  it.each(["approved", "activating", "active", "expiring"] as const)(
    "allows removal when %s and roles are held",
    (status) => {
      expect(canRemoveRoles({ status, accessDetails: withRoles })).toEqual({ allowed: true });
    }
  );

  it.each([
    "created",
    "approvalPending",
    "terminationRequested",
    "terminating",
    "expired",
    "terminated",
    "declined",
    "cancelled"
  ] as const)("refuses removal when %s, with a reason", (status) => {
    const decision = canRemoveRoles({ status, accessDetails: withRoles });
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason.length).toBeGreaterThan(10);
  });

  it("refuses removal when the relationship has no roles", () => {
    const decision = canRemoveRoles({ status: "active", accessDetails: { unifiedRoles: [] } });
    expect(decision).toEqual({ allowed: false, reason: "This relationship has no admin roles to remove." });
  });

  it("suggests declining rather than removing roles from a pending invitation", () => {
    const decision = canRemoveRoles({ status: "approvalPending", accessDetails: withRoles });
    expect(!decision.allowed && decision.reason).toContain("decline");
  });
});
