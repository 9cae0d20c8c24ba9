/**
 * What a partner may still change, and when it may delete, as Graph has it: while a relationship is `created`
 * (a draft nobody has seen) every term may change and the relationship may be deleted; once it is locked for
 * approval its terms are what the customer is asked to accept, so only `autoExtendDuration` may change, and only
 * until the relationship starts ending. Pure: the use cases turn the refusals into 409s naming rule and field.
 */
import type { FieldError } from "../errors";
import type { RelationshipStatus } from "./relationship";

/** The terms a PATCH may carry (Graph's, with our `partnerType`). */
export const editableTerms = [
  "displayName",
  "duration",
  "customer",
  "accessDetails",
  "autoExtendDuration",
  "partnerType"
] as const;
export type EditableTerm = (typeof editableTerms)[number];

/** Statuses in which auto-extension may still be switched: from the draft until termination or the end. */
export const autoExtendEditableStatuses: readonly RelationshipStatus[] = [
  "created",
  "approvalPending",
  "approved",
  "activating",
  "active",
  "expiring"
];

/** One error per term the status freezes; empty when every term may change. */
export function frozenTermErrors(status: RelationshipStatus, terms: readonly EditableTerm[]): FieldError[] {
  if (status === "created") return [];
  return terms.flatMap((term): FieldError[] => {
    if (term === "autoExtendDuration") {
      return autoExtendEditableStatuses.includes(status)
        ? []
        : [{ field: term, message: `can no longer change: this relationship is ${status}.` }];
    }
    return [
      {
        field: term,
        message: `can change only while the relationship is created, before it is locked for approval; this one is ${status}. Only autoExtendDuration may change after that.`
      }
    ];
  });
}

/** The 409's sentence for frozen terms. */
export function frozenTermsRule(status: RelationshipStatus, errors: readonly FieldError[]): string {
  return `This relationship is ${status}: ${errors.map((error) => error.field).join(", ")} cannot change now.`;
}

/**
 * Why a relationship may not be deleted, or undefined when it may: only a draft (`created`) is deleted, as in Graph.
 * (The one-step API's DELETE also withdraws a pending invitation; that is a cancellation, not a deletion.)
 */
export function deletionRefusal(status: RelationshipStatus): string | undefined {
  if (status === "created") return undefined;
  if (status === "approvalPending") {
    return "Only a relationship in created can be deleted; this one is locked for approval (approvalPending): withdraw it with a terminate request.";
  }
  return `Only a relationship in created can be deleted; this one is ${status}: end it with a terminate request instead.`;
}
