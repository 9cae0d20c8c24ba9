/**
 * What a partner application must say, checked together so the applicant can fix everything at once: a legal
 * name, Microsoft's Partner ID, a DNS domain (the operator then checks it is verified in the applying tenant), a
 * contact, and a display name that passes partner-names.ts. The zod schema at the edge has already bounded every
 * field; these rules check meaning and return the normalised values that are stored.
 */
import { domainToASCII } from "node:url";
import type { FieldError } from "../errors";
import { partnerNameProblem } from "./partner-names";

export interface ApplicationInput {
  readonly legalName: string;
  readonly partnerId: string;
  readonly verifiedDomain: string;
  readonly contact: { readonly name: string; readonly email: string; readonly phone?: string };
  readonly displayName: string;
}

export type ApplicationValidation =
  { readonly ok: true; readonly value: ApplicationInput } | { readonly ok: false; readonly errors: FieldError[] };

/** Partner Center shows 7-digit Partner IDs; older and location ids vary in length, so 6 to 10 digits pass. */
export const partnerIdPattern = /^[0-9]{6,10}$/;

const invisible = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u;
const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const topLevel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const phone = /^\+?[0-9][0-9 ().-]{4,28}[0-9]$/;

export function validateApplication(input: ApplicationInput): ApplicationValidation {
  const errors: FieldError[] = [];
  const legalName = collapseSpaces(input.legalName);
  if ([...legalName].length < 2 || invisible.test(legalName)) {
    errors.push({
      field: "legalName",
      message: "must be your organisation's registered legal name (2 to 200 visible characters)."
    });
  }
  const partnerId = input.partnerId.trim();
  if (!partnerIdPattern.test(partnerId)) {
    errors.push({
      field: "partnerId",
      message: "must be your Microsoft Partner ID (formerly MPN ID): 6 to 10 digits, such as 1234567."
    });
  }
  const verifiedDomain = normalizeDomain(input.verifiedDomain);
  if (!verifiedDomain)
    errors.push({
      field: "verifiedDomain",
      message: "must be a DNS domain verified in your tenant, such as contoso.com."
    });
  const contactName = collapseSpaces(input.contact.name);
  if (contactName.length === 0 || invisible.test(contactName))
    errors.push({ field: "contact.name", message: "must be the name of a person we can contact." });
  const contactPhone = input.contact.phone?.trim() || undefined;
  if (contactPhone !== undefined && !phone.test(contactPhone)) {
    errors.push({
      field: "contact.phone",
      message: "must be a phone number with digits, spaces, brackets or dashes, such as +44 20 7946 0000."
    });
  }
  const displayName = collapseSpaces(input.displayName);
  const nameProblem = partnerNameProblem(displayName);
  if (nameProblem) errors.push({ field: "displayName", message: nameProblem });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      legalName,
      partnerId,
      verifiedDomain: verifiedDomain as string,
      contact: {
        name: contactName,
        email: normalizeEmail(input.contact.email),
        ...(contactPhone ? { phone: contactPhone } : {})
      },
      displayName
    }
  };
}

/**
 * A DNS name in its ASCII form (an internationalised domain becomes punycode, which is what customers are shown:
 * a look-alike domain cannot hide in it), lower case, without a trailing dot; undefined when it is not one.
 */
export function normalizeDomain(text: string): string | undefined {
  const trimmed = text.trim().replace(/\.$/, "");
  if (trimmed.length === 0 || /[\s/:@\\]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return undefined;
  const labels = ascii.split(".");
  if (
    labels.length < 2 ||
    !labels.every((part) => label.test(part)) ||
    !topLevel.test(labels[labels.length - 1] as string)
  )
    return undefined;
  return ascii;
}

function collapseSpaces(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/** The domain part of an address is case-insensitive; the local part is kept as written. */
function normalizeEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}
