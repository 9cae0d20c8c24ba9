/**
 * The site root: a sign-in invitation for a visitor, else the partner's or the customer's starting points. The
 * route's optional `{page}` catches any other single-segment path, which nothing else answers: "not found".
 */
import type { HttpResponseInit } from "@azure/functions";
import { NotFoundError } from "../errors";
import type { PageContext } from "./page-endpoint";
import { homeView } from "./views/home";

export async function homePage(page: PageContext): Promise<HttpResponseInit> {
  if (page.request.params.page) throw new NotFoundError("There is no page at this address.");
  const session = await page.session();
  if (!session)
    return page.render({
      title: "Partner relationships",
      body: homeView({ kind: "anonymous", signInUrl: page.signInUrl("/") }),
      nav: "none"
    });
  const partner = await page.services.tenants.getPartner(session.principal.tenantId);
  const visitor = partner
    ? { kind: "partner" as const, principal: session.principal, partnerName: partner.displayName }
    : { kind: "customer" as const, principal: session.principal };
  return page.render({ title: "Partner relationships", body: homeView(visitor), nav: visitor.kind });
}
