/**
 * The signed paging tokens of the MPSA purchase lists (see paging.ts), shared by the API and the pages. A partner's
 * token is bound to the customer and to the view it was made for, so a token made while the customer shared
 * purchases is refused once it no longer does, instead of paging a list the partner may no longer see.
 */
import type { PurchaseView } from "../domain/mpsa-purchases";
import { skipTokens, type SkipTokens } from "./paging";

export function partnerPurchaseTokens(
  secret: Buffer,
  partnerTenantId: string,
  customerTenantId: string,
  view: PurchaseView
): SkipTokens {
  return skipTokens(secret, { list: "purchases", partition: partnerTenantId, filter: { customerTenantId, view } });
}

export function customerPurchaseTokens(secret: Buffer, customerTenantId: string): SkipTokens {
  return skipTokens(secret, { list: "customerPurchases", partition: customerTenantId });
}
