/** The notice to both sides that a relationship was extended automatically, with its new end date. */
import { formatDay, renderEmail, type RenderedEmail } from "./layout";
import { capitalise, factsBlock, footer, relationshipPhrase, type Audience } from "./notice-parts";
import { autoExtensionDays } from "../../domain/relationship";
import { summariseForEmail, type SummarisedRelationship } from "./relationship-summary";

export interface ExtensionNoticeInput {
  readonly relationship: SummarisedRelationship & { readonly endDateTime: string };
  readonly audience: Audience;
}

export function renderExtensionNotice(input: ExtensionNoticeInput): RenderedEmail {
  const s = summariseForEmail(input.relationship);
  const end = formatDay(input.relationship.endDateTime);
  const advice =
    input.audience === "customer"
      ? `If you no longer want ${s.partnerName} to have this access, you can terminate the relationship or remove the partner's roles at any time.`
      : "If it should end at the new end date instead, switch automatic extension off before then.";
  return renderEmail({
    subject:
      input.audience === "customer"
        ? `Your partner relationship with ${s.partnerName} was extended to ${end}: ${s.name}`
        : `Your relationship "${s.name}" with ${s.customerName} was extended to ${end}`,
    heading: "A partner relationship was extended",
    blocks: [
      {
        kind: "paragraph",
        text: `${capitalise(relationshipPhrase(s, input.audience))} was extended automatically by ${autoExtensionDays} days. It now ends on ${end} (UTC).`
      },
      factsBlock(s, input.audience, [["New end date", `${end} (UTC)`]]),
      { kind: "paragraph", text: advice },
      footer
    ]
  });
}
