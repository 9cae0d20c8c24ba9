import { describe, expect, it } from "vitest";
import { applyGrants } from "../../../shared/use-cases/apply-grants";
import { createAccessAssignment } from "../../../shared/use-cases/access-assignments";
import { createTemplateAssignments } from "../../../shared/use-cases/template-assignments";
import { helpdesk, InMemoryWorld, partner, relationship, userAdmin } from "../../support/in-memory/access-world";

const tier1 = "5c1e7a6b-0d1b-4b8e-9e33-8d1b5e6f7a01";
const tier2 = "5c1e7a6b-0d1b-4b8e-9e33-8d1b5e6f7a02";
const pending = [
  { securityGroupId: tier1, roleDefinitionIds: [helpdesk], label: "Tier 1" },
  { securityGroupId: tier2, roleDefinitionIds: [helpdesk, userAdmin] }
];

describe("a template's group assignments once the relationship is active", () => {
  it("are created by the activation itself, each with its operation and message, and their pending entries go in the same writes", async () => {
    const world = new InMemoryWorld();
    world.add(relationship({ template: { id: "t-1", displayName: "Helpdesk" }, pendingAccessAssignments: pending }));
    await applyGrants(world.ports(), { kind: "applyGrants", partnerTenantId: partner, relationshipId: "rel-1" });
    const after = world.relationship();
    expect(after.status).toBe("active");
    expect(after.pendingAccessAssignments).toBeUndefined();
    expect(after.accessAssignments?.map((a) => [a.accessContainer.accessContainerId, a.status, a.label])).toEqual([
      [tier1, "pending", "Tier 1"],
      [tier2, "pending", undefined]
    ]);
    expect(world.published.filter(({ message }) => message.kind === "applyAccessAssignment")).toHaveLength(2);
    expect(world.auditActions().filter((action) => action === "templateAccessAssignmentCreated")).toHaveLength(2);
  });

  it("creates nothing twice when the activation runs again (a redelivery)", async () => {
    const world = new InMemoryWorld();
    world.add(relationship({ pendingAccessAssignments: pending }));
    const ports = world.ports();
    await applyGrants(ports, { kind: "applyGrants", partnerTenantId: partner, relationshipId: "rel-1" });
    await applyGrants(ports, { kind: "applyGrants", partnerTenantId: partner, relationshipId: "rel-1" });
    expect(world.relationship().accessAssignments).toHaveLength(2);
  });

  it("skips a group the partner assigned meanwhile, and one whose roles the relationship no longer holds, noting why", async () => {
    const world = new InMemoryWorld();
    world.add(
      relationship({
        status: "active",
        accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }] },
        pendingAccessAssignments: pending
      })
    );
    const ports = world.ports();
    await createAccessAssignment(
      ports,
      { partnerTenantId: partner, relationshipId: "rel-1", actor: { kind: "partner" } },
      { securityGroupId: tier1, roleDefinitionIds: [helpdesk] }
    );
    const outcome = await createTemplateAssignments(ports, world.relationship());
    expect(outcome).toEqual({ created: 0, skipped: 2 });
    const after = world.relationship();
    expect(after.pendingAccessAssignments).toBeUndefined();
    expect(after.accessAssignments?.map((a) => a.accessContainer.accessContainerId)).toEqual([tier1]);
    expect(world.auditActions().filter((action) => action === "templateAccessAssignmentSkipped")).toHaveLength(2);
  });

  it("waits while the relationship is not yet giving its roles", async () => {
    const world = new InMemoryWorld();
    world.add(relationship({ status: "approved", pendingAccessAssignments: pending }));
    expect(await createTemplateAssignments(world.ports(), world.relationship())).toEqual({ created: 0, skipped: 0 });
    expect(world.relationship().pendingAccessAssignments).toHaveLength(2);
  });
});
