/**
 * Expiry notices, to partner and customer: 30, 7 and 1 days before the end and on the day ("ends in N days" /
 * "ends today"), each saying what happens at the end and what either side can do; and the notice that it has
 * expired. Auto-extension (never for Global Administrator) changes the advice.
 */
import { addDays } from "../../domain/iso-duration";
import { formatDay, renderEmail, type Block, type RenderedEmail } from "./layout";
import { capitalise, factsBlock, footer, relationshipPhrase, rolesBlocks, type Audience } from "./notice-parts";
import { autoExtensionDays } from "../../domain/relationship";
import {
  days,
  summariseForEmail,
  type EmailRelationshipSummary,
  type SummarisedRelationship
} from "./relationship-summary";

export type ExpiryNoticeDays = 30 | 7 | 1 | 0;

export interface ExpiryNoticeInput {
  readonly relationship: SummarisedRelationship & { readonly endDateTime: string };
  readonly audience: Audience;
  readonly daysLeft: ExpiryNoticeDays;
}

export function renderExpiryNotice(input: ExpiryNoticeInput): RenderedEmail {
  const s = summariseForEmail(input.relationship);
  const end = formatDay(input.relationship.endDateTime);
  const when = input.daysLeft === 0 ? "ends today" : `ends in ${days(input.daysLeft)}`;
  const blocks: Block[] = [
    { kind: "paragraph", text: `${capitalise(relationshipPhrase(s, input.audience))} ${when}, on ${end} (UTC).` },
    factsBlock(s, input.audience, [
      ["Ends", `${end} (UTC)`],
      ["Automatic extension", s.autoExtends ? `on, by ${autoExtensionDays} days` : "off"]
    ]),
    ...rolesBlocks(
      s,
      input.audience === "customer"
        ? `${s.partnerName} holds these administrator roles in your organisation:`
        : "Your roles in the customer's organisation:"
    ),
    { kind: "paragraph", text: whatHappens(s, input.audience, input.relationship.endDateTime) },
    footer
  ];
  const subject =
    input.audience === "customer"
      ? `Your partner relationship with ${s.partnerName} ${when}: ${s.name}`
      : `Your relationship "${s.name}" with ${s.customerName} ${when}`;
  return renderEmail({ subject, heading: `A partner relationship ${when}`, blocks });
}

export interface ExpiredNoticeInput {
  readonly relationship: SummarisedRelationship;
  readonly audience: Audience;
}

export function renderExpiredNotice(input: ExpiredNoticeInput): RenderedEmail {
  const s = summariseForEmail(input.relationship);
  const ended = s.endDateTime ? ` on ${formatDay(s.endDateTime)} (UTC)` : "";
  const roles =
    s.roles.length > 0
      ? ` ${input.audience === "customer" ? `${s.partnerName}'s administrator roles in your organisation have` : "Your administrator roles in the customer's organisation have"} been removed.`
      : "";
  const next =
    input.audience === "customer"
      ? `An expired relationship cannot be restored. To work with ${s.partnerName} again, ask them to send you a new invitation.`
      : "An expired relationship cannot be restored. To work with this customer again, send a new invitation with the roles you need.";
  return renderEmail({
    subject:
      input.audience === "customer"
        ? `Your partner relationship with ${s.partnerName} has ended: ${s.name}`
        : `Your relationship "${s.name}" with ${s.customerName} has ended`,
    heading: "A partner relationship has ended",
    blocks: [
      {
        kind: "paragraph",
        text: `${capitalise(relationshipPhrase(s, input.audience))} reached its end date${ended} and has expired.${roles}`
      },
      factsBlock(s, input.audience),
      { kind: "paragraph", text: next },
      footer
    ]
  });
}

function whatHappens(s: EmailRelationshipSummary, audience: Audience, endDateTime: string): string {
  if (s.autoExtends) {
    const extendedTo = formatDay(addDays(endDateTime, autoExtensionDays).toISOString());
    return audience === "customer"
      ? `It is set to extend automatically by ${autoExtensionDays} days, so it will continue until ${extendedTo} unless it is ended first. If you no longer want ${s.partnerName} to have this access, you can terminate the relationship or remove the partner's roles before then.`
      : `It is set to extend automatically by ${autoExtensionDays} days, so it will continue until ${extendedTo}. Nothing to do unless you want it to end; you can switch automatic extension off before the end date.`;
  }
  const removed =
    audience === "customer"
      ? `When it ends, ${s.partnerName}'s access to your organisation through this relationship ends by itself.`
      : "When it ends, your access to the customer's organisation through this relationship ends by itself.";
  const keep = s.includesGlobalAdministrator
    ? audience === "customer"
      ? ` Because it includes Global Administrator it cannot be extended automatically; to keep working together, ${s.partnerName} needs to send you a new invitation.`
      : " Because it includes Global Administrator it cannot be extended automatically; to keep access, send the customer a new invitation, ideally with fewer privileged roles."
    : audience === "customer"
      ? ` To keep working together, ${s.partnerName} can switch on automatic extension before the end date, or send you a new invitation afterwards.`
      : " To keep access, switch on automatic extension (180 days) before the end date, or send the customer a new invitation afterwards.";
  return removed + keep;
}
