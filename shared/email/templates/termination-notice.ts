/** The notice to both sides that a relationship was terminated: by whom, that the roles are gone, what next. */
import { formatDay, renderEmail, type RenderedEmail } from "./layout";
import { capitalise, factsBlock, footer, relationshipPhrase, type Audience } from "./notice-parts";
import { summariseForEmail, type SummarisedRelationship } from "./relationship-summary";

export interface TerminationNoticeInput {
  readonly relationship: SummarisedRelationship;
  readonly audience: Audience;
}

export function renderTerminationNotice(input: TerminationNoticeInput): RenderedEmail {
  const s = summariseForEmail(input.relationship);
  const termination = input.relationship.termination;
  const by = termination ? byWhom(termination.requestedBy, input.audience, s.partnerName) : "";
  const on = termination ? ` on ${formatDay(termination.requestedDateTime)} (UTC)` : "";
  const roles =
    s.roles.length === 0
      ? ""
      : input.audience === "customer"
        ? ` ${s.partnerName} no longer holds administrator roles in your organisation through it.`
        : " You no longer hold administrator roles in the customer's organisation through it.";
  const next =
    input.audience === "customer"
      ? `A terminated relationship cannot be reopened. To work with ${s.partnerName} again, ask them to send you a new invitation.`
      : "A terminated relationship cannot be reopened. To work with this customer again, send a new invitation.";
  return renderEmail({
    subject:
      input.audience === "customer"
        ? `Your partner relationship with ${s.partnerName} was terminated: ${s.name}`
        : `Your relationship "${s.name}" with ${s.customerName} was terminated`,
    heading: "A partner relationship was terminated",
    blocks: [
      {
        kind: "paragraph",
        text: `${capitalise(relationshipPhrase(s, input.audience))} was terminated${by}${on}.${roles}`
      },
      factsBlock(s, input.audience),
      { kind: "paragraph", text: next },
      footer
    ]
  });
}

function byWhom(side: "partner" | "customer", audience: "partner" | "customer", partnerName: string): string {
  if (side === audience) return " at your request";
  return side === "partner" ? ` by ${partnerName}` : " by the customer";
}
