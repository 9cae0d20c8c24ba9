/**
 * The customer agreement a customer tenant accepts before any partner may act for it. Acceptance records the
 * version and the SHA-256 of the exact text shown, so we can later prove what was agreed to. Changing a single
 * character here changes the hash: publish such a change under a new version.
 */
import { createHash } from "node:crypto";

export interface CustomerAgreement {
  readonly version: string;
  readonly title: string;
  readonly text: string;
  /** Lower-case hex SHA-256 of `text` encoded as UTF-8. */
  readonly sha256: string;
}

const version = "2026-11-01";
const title = "Customer agreement for partner relationships";

const paragraphs = [
  "This agreement is between your organisation (the customer) and the partner-relationships service. It applies " +
    "whenever you allow a partner to work with your organisation through this service, and it covers every partner " +
    "you accept, now or later.",
  "Acting on your behalf. A partner you accept may buy, manage and support services for your organisation. It acts " +
    "only through the relationship you approved and only with the admin roles that relationship lists. You stay " +
    "responsible for what you ask your partners to do, and each partner is responsible for how its own people use " +
    "the access you give it.",
  "Roles and time limits. Admin roles are granted for the period shown in the invitation, never longer than two " +
    "years. A relationship that includes Global Administrator is never extended automatically. We email you and the " +
    "partner 30, 7 and 1 days before access ends and on the last day. Access that has expired cannot be restored; the " +
    "partner has to send a new invitation for you to review.",
  "Removing access. An administrator of your organisation can remove a partner's admin roles at any time, without " +
    "the partner's consent. Removing roles does not end the relationship, so the partner may go on working with you " +
    "in a capacity that needs no roles, such as reselling. Either side may end the relationship altogether.",
  "Your data. We keep what is needed to run relationships and to show who did what: the partner, the roles, the " +
    "dates, the people who accepted or changed them, and the version of this agreement they accepted. We use it only " +
    "to provide this service and to answer questions about access to your organisation, and we do not sell it.",
  "Changes. When this agreement changes we publish a new version with a new date. Partners may continue to act for " +
    "you only once an administrator of your organisation has accepted the current version."
];

const text = paragraphs.join("\n\n");

export const currentAgreement: CustomerAgreement = {
  version,
  title,
  text,
  sha256: createHash("sha256").update(text, "utf8").digest("hex")
};
