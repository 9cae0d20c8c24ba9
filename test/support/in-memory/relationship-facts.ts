/**
 * PartnerRelationshipFacts in memory: a partner's relationships with a customer as the rules resting on them read
 * them (MPSA purchases, OEM device registration), `accepted` following from the status as on a stored
 * relationship. A test may change a status in place; `lookups` counts the queries the use case made.
 */
import type { RelationshipFacts } from "../../../shared/domain/accepted-relationships";
import type { RelationshipStatus } from "../../../shared/domain/relationship";
import type { PartnerRelationshipFacts } from "../../../shared/relationships/ports";

export interface TestRelationship {
  readonly id: string;
  readonly partnerTenantId: string;
  readonly customerTenantId: string;
  readonly partnerType: string;
  status: RelationshipStatus;
  readonly customerDisplayName?: string;
}

const neverAccepted: readonly RelationshipStatus[] = ["created", "approvalPending", "declined", "cancelled"];

export class InMemoryRelationshipFacts implements PartnerRelationshipFacts {
  readonly relationships: TestRelationship[] = [];
  lookups = 0;

  /** From facts keyed `partner/customer`. */
  static of(
    facts: Readonly<Record<string, readonly Omit<RelationshipFacts, "accepted">[]>>
  ): InMemoryRelationshipFacts {
    const made = new InMemoryRelationshipFacts();
    for (const [key, list] of Object.entries(facts)) {
      const [partnerTenantId = "", customerTenantId = ""] = key.split("/");
      for (const { id, partnerType, status, customerDisplayName } of list) {
        made.relationships.push({
          id,
          partnerTenantId,
          customerTenantId,
          partnerType,
          status,
          ...(customerDisplayName ? { customerDisplayName } : {})
        });
      }
    }
    return made;
  }

  async relationshipsWith(partnerTenantId: string, customerTenantId: string): Promise<readonly RelationshipFacts[]> {
    this.lookups += 1;
    return this.relationships
      .filter((r) => r.partnerTenantId === partnerTenantId && r.customerTenantId === customerTenantId)
      .map((r) => ({
        id: r.id,
        partnerType: r.partnerType,
        status: r.status,
        accepted: !neverAccepted.includes(r.status),
        ...(r.customerDisplayName ? { customerDisplayName: r.customerDisplayName } : {})
      }));
  }
}
