import { describe, expect, it } from "vitest";
import {
  withActiveRelationship,
  withEndedRelationship,
  type CustomerRelationshipEvent
} from "../../../shared/relationships/partner-customers";
import { applyGrants } from "../../../shared/use-cases/apply-grants";
import { revokeGrants } from "../../../shared/use-cases/revoke-grants";
import { customer, InMemoryWorld, partner, relationship } from "../../support/in-memory/access-world";

const apply = { kind: "applyGrants", partnerTenantId: partner, relationshipId: "rel-1" } as const;
const terminate = {
  kind: "revokeGrants",
  partnerTenantId: partner,
  relationshipId: "rel-1",
  reason: "terminated"
} as const;
const event = (relationshipId: string, displayName?: string): CustomerRelationshipEvent => ({
  partnerTenantId: partner,
  customerTenantId: customer,
  relationshipId,
  at: "2027-01-03T10:00:00.000Z",
  ...(displayName ? { displayName } : {})
});

describe("the delegatedAdminCustomers record", () => {
  it("lists a customer from its first active relationship and keeps the first name it learns", () => {
    const first = withActiveRelationship(undefined, event("a"));
    expect(first).toMatchObject({
      id: `customer:${customer}`,
      tenantId: partner,
      displayName: "",
      activeRelationshipIds: ["a"]
    });
    const named = withActiveRelationship(first, event("b", "Contoso"));
    expect(named).toMatchObject({ displayName: "Contoso", activeRelationshipIds: ["a", "b"] });
  });

  it("changes nothing when the same relationship becomes active twice", () => {
    const once = withActiveRelationship(undefined, event("a", "Contoso"));
    expect(withActiveRelationship(once, event("a", "Contoso"))).toBeUndefined();
  });

  it("never brings back a relationship that ended, even when a late 'active' arrives", () => {
    const ended = withEndedRelationship(withActiveRelationship(undefined, event("a")), event("a"));
    expect(ended).toMatchObject({ activeRelationshipIds: [], endedRelationshipIds: ["a"] });
    expect(withActiveRelationship(ended, event("a"))).toBeUndefined();
    expect(withEndedRelationship(ended, event("a"))).toBeUndefined();
  });
});

describe("the role-grants handler keeps delegatedAdminCustomers", () => {
  it("adds the customer once however often activation is delivered, and drops it once terminated", async () => {
    const world = new InMemoryWorld();
    world.add(relationship({ customer: { tenantId: customer, displayName: "Contoso" } }));

    await applyGrants(world.ports(), apply);
    await applyGrants(world.ports(), apply);
    expect(world.customers.get(customer)).toMatchObject({
      displayName: "Contoso",
      activeRelationshipIds: ["rel-1"],
      endedRelationshipIds: []
    });
    expect(world.customerWrites).toBe(1);

    world.edit("rel-1", (document) => ({ ...document, status: "terminationRequested" }));
    await revokeGrants(world.ports(), terminate);
    await revokeGrants(world.ports(), terminate);
    await applyGrants(world.ports(), apply); // a late redelivery of the activation
    expect(world.customers.get(customer)).toMatchObject({ activeRelationshipIds: [], endedRelationshipIds: ["rel-1"] });
    expect(world.customerWrites).toBe(2);
  });

  it("drops the customer when the relationship expires", async () => {
    const world = new InMemoryWorld();
    world.add(relationship());
    await applyGrants(world.ports(), apply);
    world.edit("rel-1", (document) => ({ ...document, status: "expired" }));
    await revokeGrants(world.ports(), { ...terminate, reason: "expired" });
    expect(world.customers.get(customer)?.activeRelationshipIds).toEqual([]);
  });
});
