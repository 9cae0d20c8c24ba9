import { describe, expect, it } from "vitest";
import type { AccessAssignmentRecord, OperationRecord } from "../../../../shared/assignments/assignment-records";
import {
  formErrors,
  readAssignmentForm,
  toAssignmentFormErrors
} from "../../../../shared/pages/partner/assignment-form";
import {
  assignmentActions,
  assignRefusal,
  operationDescription,
  recentOperations
} from "../../../../shared/pages/partner/assignment-status";
import { partnerRelationshipJson } from "../../../../shared/pages/partner/relationship-status-json";
import { summarize } from "../../../../shared/pages/relationship-summary";
import type { StoredRelationship } from "../../../../shared/relationships/relationship-document";

const helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const userAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const group = "1b2c3d4e-0000-4000-8000-000000000001";

function assignment(overrides: Partial<AccessAssignmentRecord> = {}): AccessAssignmentRecord {
  return {
    id: "a0000000-0000-4000-8000-000000000001",
    accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }] },
    status: "active",
    createdDateTime: "2026-01-03T00:00:00.000Z",
    lastModifiedDateTime: "2026-01-03T00:00:00.000Z",
    version: 1,
    heldRoles: [helpdesk],
    label: "Tier 1",
    ...overrides
  };
}

function relationship(overrides: Partial<StoredRelationship> = {}): StoredRelationship {
  return {
    id: "r0000000-0000-4000-8000-000000000001",
    partnerTenantId: "p",
    displayName: "Managed services",
    uniqueName: "managed services",
    partnerType: "partnerWithGdap",
    partner: { tenantId: "p", displayName: "Contoso" },
    customer: { tenantId: "c", adminEmail: "a@b.example", displayName: "Tailspin" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }, { roleDefinitionId: userAdmin }] },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    status: "active",
    createdDateTime: "2026-01-01T00:00:00.000Z",
    lastModifiedDateTime: "2026-01-01T00:00:00.000Z",
    activatedDateTime: "2026-01-02T00:00:00.000Z",
    endDateTime: "2027-01-02T00:00:00.000Z",
    version: 3,
    outbox: [],
    ...overrides
  };
}

describe("the assign and change forms", () => {
  it("reads what was typed, trimming the group id but keeping the label as typed", () => {
    const values = readAssignmentForm(
      new URLSearchParams([
        ["securityGroupId", ` ${group} `],
        ["label", " Tier 1 "],
        ["role", helpdesk],
        ["role", userAdmin]
      ])
    );
    expect(values).toEqual({ securityGroupId: group, label: " Tier 1 ", roleIds: [helpdesk, userAdmin] });
  });

  it("names every problem it can see itself at once, each linked to its field", () => {
    expect(formErrors({ securityGroupId: "", label: "x".repeat(101), roleIds: [] }, true)).toEqual([
      { inputId: "securityGroupId", field: "securityGroupId", message: "Enter the security group's object ID." },
      { inputId: "label", field: "label", message: "Label must be at most 100 characters; it has 101." },
      { inputId: "assignment-roles", field: "roles", message: "Choose at least one role for the group." }
    ]);
    expect(
      formErrors({ securityGroupId: "not-a-guid", label: "", roleIds: ["<script>"] }, true).map(
        (error) => error.message
      )
    ).toEqual([
      "Security group object ID must be a GUID such as 00000000-0000-0000-0000-000000000000.",
      "Choose the roles from the list."
    ]);
    // The change form has no group field; a blank label means "no label".
    expect(formErrors({ securityGroupId: "", label: "  ", roleIds: [helpdesk] }, false)).toEqual([]);
  });

  it("says the use case's errors about the page's own fields, naming roles by name", () => {
    const errors = toAssignmentFormErrors(
      [
        {
          field: "accessDetails.unifiedRoles.1.roleDefinitionId",
          message: "is not a role of this relationship: an assignment gives a group some of the relationship's roles"
        },
        {
          field: "accessContainer.accessContainerId",
          message:
            "This security group already has an access assignment on this relationship (a0000000-0000-4000-8000-000000000001); change that one, or delete it first."
        },
        { field: "label", message: "must not contain control, invisible or private-use characters" }
      ],
      [helpdesk, "62e90394-69f5-4237-9190-012177145e10"]
    );
    expect(errors).toEqual([
      {
        inputId: "assignment-roles",
        field: "roles",
        message:
          "Global Administrator is not a role of this relationship: an assignment gives a group some of the relationship's roles."
      },
      {
        inputId: "securityGroupId",
        field: "securityGroupId",
        message:
          "This security group already has an access assignment on this relationship: change its roles in the list of security groups, or remove it there first."
      },
      {
        inputId: "label",
        field: "label",
        message: "Label must not contain control, invisible or private-use characters."
      }
    ]);
  });
});

describe("what the partner's page offers for assignments", () => {
  it("lets groups be assigned only on an active relationship that still has roles, and says why not otherwise", () => {
    expect(assignRefusal(relationship())).toBeUndefined();
    expect(assignRefusal(relationship({ status: "expiring" }))).toBeUndefined();
    expect(assignRefusal(relationship({ status: "approvalPending" }))).toBe(
      "Security groups can be assigned once the customer has accepted and the relationship is active."
    );
    expect(assignRefusal(relationship({ status: "activating" }))).toContain("as soon as the relationship is active");
    expect(assignRefusal(relationship({ status: "terminated" }))).toBe(
      "This relationship has ended or is ending, so no security group can be given its roles."
    );
    expect(assignRefusal(relationship({ accessDetails: { unifiedRoles: [] } }))).toContain(
      "The customer removed this relationship's roles"
    );
  });

  it("offers Change roles and Remove only while the domain allows them", () => {
    expect(assignmentActions(relationship(), assignment())).toEqual({ change: true, remove: true });
    expect(assignmentActions(relationship(), assignment({ status: "error" }))).toEqual({ change: true, remove: true });
    expect(assignmentActions(relationship(), assignment({ status: "deleting" }))).toEqual({
      change: false,
      remove: false
    });
    expect(assignmentActions(relationship({ status: "terminating" }), assignment())).toEqual({
      change: false,
      remove: true
    });
  });

  it("describes operations in words, newest first, naming a group by its current label", () => {
    const give: OperationRecord = {
      id: "o1",
      operationType: "delegatedAdminAccessAssignmentUpdate",
      status: "failed",
      createdDateTime: "2026-01-03T00:00:00.000Z",
      lastModifiedDateTime: "2026-01-03T00:01:00.000Z",
      subject: {
        kind: "accessAssignment",
        accessAssignmentId: assignment().id,
        securityGroupId: group,
        roleDefinitionIds: [helpdesk],
        target: "active"
      },
      error: { code: "grantMissing", message: "Helpdesk Administrator is not granted." }
    };
    const removeRoles: OperationRecord = {
      ...give,
      id: "o2",
      operationType: "delegatedAdminRelationshipUpdate",
      status: "running",
      subject: { kind: "relationship", action: "removeRoles", roleDefinitionIds: [] }
    };
    const document = relationship({ accessAssignments: [assignment()], operations: [give, removeRoles] });
    expect(operationDescription(give, document)).toBe(
      `Give Tier 1 (group ${group}) these roles: Helpdesk Administrator`
    );
    expect(operationDescription(removeRoles, document)).toBe(
      "Remove the relationship's roles (the customer's Remove roles) and every group's access"
    );
    expect(recentOperations(document).map((operation) => operation.id)).toEqual(["o2", "o1"]);
    const json = partnerRelationshipJson(document, new Date("2026-01-03T00:06:00.000Z")) as {
      rows: { id: string; statusNote: string; fields: { updated: string } }[];
    };
    expect(json.rows.find((row) => row.id === "o1")).toMatchObject({
      statusNote: "Helpdesk Administrator is not granted.",
      fields: { updated: "5 minutes ago" }
    });
  });
});

describe("the customer's view of the partner's groups", () => {
  it("counts the groups that hold roles now: what Remove roles takes from them", () => {
    const groups = [
      assignment(),
      assignment({ id: "a2", status: "pending" }),
      assignment({ id: "a3", status: "deleting" }),
      assignment({ id: "a4", status: "deleted" })
    ];
    expect(summarize(relationship({ accessAssignments: groups })).groupCount).toBe(2);
  });
});
