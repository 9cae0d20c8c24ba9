/** "Find a partner": public like GET /api/partners, through the same use case, with the API's signed page tokens. */
import type { HttpResponseInit } from "@azure/functions";
import { searchDirectory } from "../../use-cases/directory";
import type { PageContext } from "../page-endpoint";
import { directoryHeading, directoryView } from "../views/directory";
import { readDirectoryQuery } from "./directory-forms";

export async function partnersPage(page: PageContext): Promise<HttpResponseInit> {
  const { filters, search, errors } = readDirectoryQuery(page.request.query, page.services.linkTokenSecret);
  const session = await page.session();
  const nav = session ? undefined : ("none" as const);
  if (!search)
    return page.render({
      title: directoryHeading,
      body: directoryView({ filters, partners: [], errors }),
      status: 400,
      ...(nav ? { nav } : {})
    });
  const found = await searchDirectory(page.services, search.query, search.continuation);
  const next = search.paging.nextLink(page.request, found.continuation, "page");
  return page.render({
    title: directoryHeading,
    body: directoryView({ filters, partners: found.items, errors, ...(next ? { nextPage: next } : {}) }),
    ...(nav ? { nav } : {})
  });
}
