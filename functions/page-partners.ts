import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { readDirectoryQuery } from "../shared/pages/handlers/directory";
import { page } from "../shared/pages/page-endpoint";
import { directoryHeading, directoryView } from "../shared/pages/views/directory";
import { searchDirectory } from "../shared/use-cases/directory";

// "Find a partner": public like GET /api/partners, through the same use case.
app.http("pagePartners", {
  route: "partners",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const { filters, search, errors } = readDirectoryQuery(context.request.query, getServices().linkTokenSecret);
    const session = await context.session();
    const nav = session ? undefined : ("none" as const);
    if (!search) return context.render({ title: directoryHeading, body: directoryView({ filters, partners: [], errors }), status: 400, ...(nav ? { nav } : {}) });
    const found = await searchDirectory(getServices(), search.query, search.continuation);
    const next = search.paging.nextLink(context.request, found.continuation, "page");
    return context.render({ title: directoryHeading, body: directoryView({ filters, partners: found.items, errors, ...(next ? { nextPage: next } : {}) }), ...(nav ? { nav } : {}) });
  })
});
