/**
 * What a partner may call itself. A partner's display name is what a customer's admin reads before handing over
 * admin roles, so it must not pass for Microsoft, for a generic helpdesk, or for another partner:
 * - 2 to 100 characters, with no invisible, control or private-use characters (no zero-width joiners, no
 *   right-to-left overrides);
 * - no word mixing look-alike scripts (a Cyrillic `і` inside a Latin word);
 * - not a reserved name, compared by skeleton (name-skeleton.ts) so that spelling tricks do not help;
 * - unique across partners by skeleton, which needs storage: the name claims in use-cases/partner-name-claims.ts.
 * This is the one home of the reserved list.
 */
import { mixedScriptWord, nameSkeleton, skeletonWords } from "./name-skeleton";

export const partnerNameMinLength = 2;
export const partnerNameMaxLength = 100;

/**
 * - `anywhere`: refused wherever its skeleton appears, even inside a word ("MicrosoftHelp", "Micro-soft").
 * - `word`: refused as a whole word of the name; these also occur inside ordinary words (Officer, Central).
 * - `whole`: refused as the entire name; generic names that say nothing about who is asking.
 */
export type ReservedMatch = "anywhere" | "word" | "whole";

export interface ReservedName {
  readonly name: string;
  readonly match: ReservedMatch;
}

const microsoftNames: readonly ReservedName[] = [
  { name: "Microsoft", match: "anywhere" },
  { name: "Microsoft Support", match: "anywhere" },
  { name: "MSFT", match: "anywhere" },
  { name: "Azure", match: "anywhere" },
  { name: "Windows", match: "anywhere" },
  { name: "Partner Center", match: "anywhere" },
  { name: "Office", match: "word" },
  { name: "Entra", match: "word" }
];

const genericNames = [
  "Support",
  "Support Team",
  "Customer Support",
  "Customer Service",
  "Tech Support",
  "Technical Support",
  "IT",
  "IT Support",
  "IT Team",
  "IT Department",
  "Help Desk",
  "Service Desk",
  "Admin",
  "Admins",
  "Administrator",
  "Administrators",
  "Global Administrator",
  "System Administrator",
  "Security",
  "Security Team",
  "Billing",
  "Billing Team",
  "Account Team",
  "Operator",
  "Partner",
  "No Reply",
  "Do Not Reply"
];

export const reservedPartnerNames: readonly ReservedName[] = [
  ...microsoftNames,
  ...genericNames.map((name) => ({ name, match: "whole" as const }))
];

const reservedSkeletons = reservedPartnerNames.map((reserved) => ({
  ...reserved,
  skeleton: nameSkeleton(reserved.name),
  words: skeletonWords(reserved.name)
}));

/** The reserved name a display name passes for, or undefined. */
export function reservedNameIn(name: string): ReservedName | undefined {
  const skeleton = nameSkeleton(name);
  const words = skeletonWords(name);
  const found = reservedSkeletons.find((reserved) => {
    if (reserved.match === "anywhere") return skeleton.includes(reserved.skeleton);
    if (reserved.match === "whole") return skeleton === reserved.skeleton;
    return containsRun(words, reserved.words);
  });
  return found && { name: found.name, match: found.match };
}

/** Why a display name is refused (a sentence to follow the field's name), or undefined when it may be used. */
export function partnerNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length < partnerNameMinLength || length > partnerNameMaxLength)
    return `must be ${partnerNameMinLength} to ${partnerNameMaxLength} characters long.`;
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u.test(trimmed))
    return "must not contain invisible, control or private-use characters.";
  if (nameSkeleton(trimmed) === "") return "must contain letters or digits.";
  const mixed = mixedScriptWord(trimmed);
  if (mixed)
    return `mixes letters of the ${mixed.scripts.join(" and ")} scripts in "${mixed.word}", as look-alike names do; write each word in one script.`;
  const reserved = reservedNameIn(trimmed);
  if (reserved?.match === "whole") return `"${trimmed}" does not say who you are; use your organisation's name.`;
  if (reserved) return `is reserved: it reads as "${reserved.name}", a Microsoft name that partners may not use.`;
  return undefined;
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return false;
  for (let start = 0; start + run.length <= words.length; start += 1) {
    if (run.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}
