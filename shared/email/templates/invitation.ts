/**
 * The invitation the customer's admin receives: who is asking, for what kind of relationship, which admin roles
 * (each with what it allows), for how long, until when the link works — and the link itself.
 */
import { formatDay, renderEmail, type Block, type RenderedEmail } from "./layout";
import { partnerIdentityRows } from "./notice-parts";
import { autoExtensionDays } from "../../domain/relationship";
import { days, summariseForEmail, type SummarisedRelationship } from "./relationship-summary";

export interface InvitationEmailInput {
  readonly relationship: SummarisedRelationship;
  readonly invitationExpiresDateTime: string;
  /** The accept link, re-derived for this email; never logged or stored. */
  readonly link: string;
}

export function renderInvitationEmail(input: InvitationEmailInput): RenderedEmail {
  const s = summariseForEmail(input.relationship);
  const validUntil = formatDay(input.invitationExpiresDateTime);
  const facts: (readonly [string, string])[] = [
    ...partnerIdentityRows(s),
    ["Relationship", s.name],
    ["Kind of relationship", s.partnerTypeName]
  ];
  if (s.durationDays !== undefined) facts.push(["Access lasts", `${days(s.durationDays)} from the day you accept`]);
  if (s.autoExtends)
    facts.push(["Automatic extension", `can be extended automatically by ${autoExtensionDays} days at a time`]);
  facts.push(["Link valid until", `${validUntil} (UTC)`]);

  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `${s.partnerName} would like to work with your organisation as a partner and has invited you to the relationship "${s.name}".`
    },
    { kind: "facts", rows: facts },
    {
      kind: "paragraph",
      text: "Check who is asking before you accept: a partner chooses its display name, but its legal name, verified domain and tenant id above were checked when it was approved. Accept only if you expect to work with that organisation."
    }
  ];
  if (s.partnerTypeDescription)
    blocks.push({ kind: "paragraph", text: `${s.partnerTypeName}: ${s.partnerTypeDescription}` });
  if (s.roles.length > 0) {
    blocks.push({
      kind: "paragraph",
      text: `If you accept, ${s.partnerName} receives these administrator roles in your organisation, and no others:`
    });
    blocks.push({ kind: "list", items: s.roles });
    blocks.push({ kind: "paragraph", text: durationSentence(s.durationDays, s.autoExtends) });
  } else {
    blocks.push({
      kind: "paragraph",
      text: `This relationship gives ${s.partnerName} no administrator roles in your organisation.`
    });
  }
  blocks.push(
    { kind: "action", label: "Review the invitation", href: input.link },
    {
      kind: "paragraph",
      text: `Open the link signed in with an account that is ${s.roles.length > 0 ? "a Global Administrator" : "a Global Administrator or Billing Administrator"} of your organisation${s.roles.length > 0 ? " (granting admin roles needs one)" : ""}. You will see these details again and can accept or decline. The link works until ${validUntil}.`
    },
    {
      kind: "note",
      text: "Not expecting this? You can ignore this email: nothing changes unless someone in your organisation accepts. Please do not forward it, because the link is the invitation."
    }
  );
  return renderEmail({
    subject: `${s.partnerName} invites you to a partner relationship: ${s.name}`,
    heading: "You are invited to a partner relationship",
    blocks
  });
}

function durationSentence(durationDays: number | undefined, autoExtends: boolean): string {
  const length =
    durationDays === undefined ? "for a limited time" : `for ${days(durationDays)} from the day you accept`;
  const after = autoExtends
    ? `After that the relationship can be extended automatically by ${autoExtensionDays} days at a time; you can end it or remove the roles whenever you like.`
    : "After that they end by themselves; you can also end the relationship or remove the roles sooner.";
  return `The roles are granted ${length}. ${after}`;
}
