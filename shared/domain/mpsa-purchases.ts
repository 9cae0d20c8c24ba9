/**
 * MPSA purchases: what an MPSA partner may record for a customer, and who sees which records. The seed's promise
 * ("if you've worked with multiple partners through the MPSA program, you can allow them to see purchases made by
 * each other") becomes three rules kept here: a partner needs an MPSA relationship the customer accepted and that
 * has not started ending; it always sees its own records; it sees the other MPSA partners' records only while the
 * customer's sharing setting is on. The values a record holds are checked here too, every broken rule at once.
 */
import type { FieldError } from "../errors";
import { isAcceptedAndLive } from "./accepted-relationships";
import type { PartnerTypeId } from "./partner-types";
import type { RelationshipStatus } from "./relationship";

export const mpsaPartnerType: PartnerTypeId = "mpsaPartner";

/** The customer's setting, in the words the pages and the API use. */
export const purchaseSharingLabel = "Let my MPSA partners see each other's purchases";

export const productMaxLength = 200;
export const quantityMax = 1_000_000;
export const agreementNumberMinLength = 5;
export const agreementNumberMaxLength = 20;
/** Nothing is recorded as bought before this day: a typo such as 0202 for 2020 is caught. */
export const earliestPurchaseDate = "2000-01-01";
/** The last time zone to start a new day is 14 hours ahead of UTC: a date is "not in the future" up to its today. */
const furthestZoneAheadHours = 14;

/** What a partner sends (loosely typed by the edge, so every rule can be named here). */
export interface PurchaseRequest {
  readonly product: string;
  readonly quantity: number;
  readonly agreementNumber: string;
  readonly purchaseDate: string;
}

/** A purchase's values once they pass: product trimmed, agreement number in upper case without spaces. */
export type PurchaseTerms = PurchaseRequest;

export type PurchaseValidation =
  { readonly ok: true; readonly value: PurchaseTerms } | { readonly ok: false; readonly errors: FieldError[] };

export function validatePurchase(request: PurchaseRequest, now: Date): PurchaseValidation {
  const errors: FieldError[] = [];
  const product = request.product.trim();
  const productLength = [...product].length;
  if (productLength === 0 || productLength > productMaxLength)
    errors.push({ field: "product", message: `must be 1 to ${productMaxLength} characters long.` });
  else if (/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u.test(product))
    errors.push({ field: "product", message: "must not contain invisible, control or private-use characters." });

  if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > quantityMax) {
    errors.push({
      field: "quantity",
      message: `must be a whole number from 1 to ${quantityMax.toLocaleString("en-GB")}.`
    });
  }

  const agreementNumber = normalizeAgreementNumber(request.agreementNumber);
  const agreementProblem = agreementNumberProblem(agreementNumber);
  if (agreementProblem) errors.push({ field: "agreementNumber", message: agreementProblem });

  const dateProblem = purchaseDateProblem(request.purchaseDate, now);
  if (dateProblem) errors.push({ field: "purchaseDate", message: dateProblem });

  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value: { product, quantity: request.quantity, agreementNumber, purchaseDate: request.purchaseDate } };
}

/** Upper case, and the spaces and hyphens people type between groups of digits left out. */
function normalizeAgreementNumber(value: string): string {
  return value.replace(/[\s-]/g, "").toUpperCase();
}

function agreementNumberProblem(value: string): string | undefined {
  const shape = `must be ${agreementNumberMinLength} to ${agreementNumberMaxLength} letters (A-Z) and digits, with at least one digit, as on the MPSA agreement (spaces and hyphens are ignored).`;
  if (value.length < agreementNumberMinLength || value.length > agreementNumberMaxLength) return shape;
  if (!/^[A-Z0-9]+$/.test(value) || !/[0-9]/.test(value)) return shape;
  return undefined;
}

/** Today's date in the time zone furthest ahead of UTC (UTC+14), as YYYY-MM-DD. */
export function latestPurchaseDate(now: Date): string {
  return new Date(now.getTime() + furthestZoneAheadHours * 3_600_000).toISOString().slice(0, 10);
}

function purchaseDateProblem(value: string, now: Date): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00.000Z`) : undefined;
  // Date accepts 2027-02-30 and moves it to March; a real calendar date survives the round trip unchanged.
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    return "must be a date written YYYY-MM-DD, such as 2027-03-04.";
  if (value < earliestPurchaseDate) return `must not be before ${earliestPurchaseDate}.`;
  if (value > latestPurchaseDate(now)) return "must not be in the future.";
  return undefined;
}

/** The relationship a partner's sight of a customer's purchases rests on: its type and status. */
export interface RelationshipForPurchases {
  readonly partnerType: string;
  readonly status: RelationshipStatus;
}

export function givesSightOfPurchases(relationship: RelationshipForPurchases): boolean {
  return relationship.partnerType === mpsaPartnerType && isAcceptedAndLive(relationship);
}

/** Which records a partner's list holds: its own, or (while the customer shares them) every MPSA partner's. */
export type PurchaseView = "own" | "all";

export function purchaseViewFor(sharingEnabled: boolean): PurchaseView {
  return sharingEnabled ? "all" : "own";
}
