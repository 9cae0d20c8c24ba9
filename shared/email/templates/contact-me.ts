/** "Contact me" from the partner directory: everything the customer entered, to the partner's contact address. */
import type { ContactRequest } from "../../tenants/tenant-records";
import { formatDay, renderEmail, type RenderedEmail } from "./layout";

export interface ContactMeInput {
  readonly partnerName: string;
  readonly request: Pick<ContactRequest, "createdDateTime" | "contact">;
}

export function renderContactMeEmail(input: ContactMeInput): RenderedEmail {
  const { contact } = input.request;
  const rows: [string, string][] = [
    ["Name", contact.name],
    ["Email", contact.email],
    ...(contact.phone ? ([["Phone", contact.phone]] as [string, string][]) : []),
    ["Organisation", contact.organisationName],
    ["Organisation size", contact.organisationSize],
    ["Industry", contact.industry],
    ["Location", contact.location],
    ["Sent", `${formatDay(input.request.createdDateTime)} (UTC)`]
  ];
  return renderEmail({
    subject: `New contact request from ${contact.organisationName}`,
    heading: "Someone would like to hear from you",
    blocks: [
      {
        kind: "paragraph",
        text: `${contact.name} from ${contact.organisationName} found ${input.partnerName} in the partner directory and asked you to get in touch.`
      },
      { kind: "facts", rows },
      { kind: "paragraph", text: "What they need:" },
      { kind: "paragraph", text: contact.businessNeeds },
      { kind: "paragraph", text: `Reply to them directly at ${contact.email}.` },
      {
        kind: "note",
        text: "You receive this because your organisation's profile is listed in the partner directory. These details were typed by the person asking; check them before you rely on them."
      }
    ]
  });
}
