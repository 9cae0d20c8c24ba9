/** Pieces the relationship notices share: who reads it, how the relationship is named to them, the roles involved. */
import type { Block } from "./layout";
import type { EmailRelationshipSummary } from "./relationship-summary";

/** Both sides get every notice, each in its own words. */
export type Audience = "partner" | "customer";

/** `Contoso's relationship "Managed services" with your organisation` / `your relationship "Managed services" with tenant …`. */
export function relationshipPhrase(s: EmailRelationshipSummary, audience: Audience): string {
  return audience === "customer"
    ? `the partner relationship "${s.name}" between ${s.partnerName} and your organisation`
    : `your relationship "${s.name}" with the customer ${s.customerName}`;
}

/**
 * Who the partner is, beside its display name, in every email a customer reads: the legal name and verified
 * domain an operator checked, and the tenant id. A look-alike display name cannot fake these.
 */
export function partnerIdentityRows(s: EmailRelationshipSummary): (readonly [string, string])[] {
  const notRecorded = "not recorded (invited before partners were verified)";
  return [
    ["Partner", s.partnerName],
    ["Partner's legal name", s.partnerIdentity.legalName ?? notRecorded],
    ["Partner's verified domain", s.partnerIdentity.verifiedDomain ?? notRecorded],
    ["Partner's tenant id", s.partnerIdentity.tenantId]
  ];
}

export function factsBlock(
  s: EmailRelationshipSummary,
  audience: Audience,
  extra: readonly (readonly [string, string])[] = []
): Block {
  const rows: (readonly [string, string])[] = [
    ["Relationship", s.name],
    ...(audience === "customer" ? partnerIdentityRows(s) : [["Customer", s.customerName] as const]),
    ["Kind of relationship", s.partnerTypeName],
    ...extra
  ];
  return { kind: "facts", rows };
}

export function rolesBlocks(s: EmailRelationshipSummary, intro: string): Block[] {
  return s.roles.length === 0
    ? []
    : [
        { kind: "paragraph", text: intro },
        { kind: "list", items: s.roles }
      ];
}

export const footer: Block = {
  kind: "note",
  text: "You receive this because you are a contact for this partner relationship. Notices go to both the partner and the customer."
};

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
