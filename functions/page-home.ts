import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { NotFoundError } from "../shared/errors";
import { page } from "../shared/pages/page-endpoint";
import { homeView } from "../shared/pages/views/home";

// The site root. With routePrefix "" an optional parameter is how a function takes "/" (an empty route is refused
// on Azure); any other single-segment path nothing else answers is a "not found" page.
app.http("pageHome", {
  route: "{page?}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    if (context.request.params.page) throw new NotFoundError("There is no page at this address.");
    const session = await context.session();
    if (!session) return context.render({ title: "Partner relationships", body: homeView({ kind: "anonymous", signInUrl: context.signInUrl("/") }), nav: "none" });
    const partner = await getServices().tenants.getPartner(session.principal.tenantId);
    const visitor = partner ? { kind: "partner" as const, principal: session.principal, partnerName: partner.displayName } : { kind: "customer" as const, principal: session.principal };
    return context.render({ title: "Partner relationships", body: homeView(visitor), nav: visitor.kind });
  })
});
