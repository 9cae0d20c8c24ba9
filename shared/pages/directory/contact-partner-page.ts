/**
 * `/partners/{id}/contact`: "Contact me". GET shows the form; POST sends the customer's details to the partner
 * through the same use case as `POST /api/partners/{id}/contact`, then redirects (303) to "Request sent". A form
 * with problems comes back filled in with each one named; a request over a limit comes back filled in with when
 * the customer can try again.
 */
import type { HttpResponseInit } from "@azure/functions";
import { isIdOf, tenantGuid } from "../../api/id-schemas";
import { NotFoundError, TooManyRequestsError } from "../../errors";
import { readClientAddress } from "../../http/request-parts";
import { contactPartner, toPublicPartner } from "../../use-cases/directory";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import { contactPath, contactSentView, contactView } from "../views/directory";
import { retryAfterHeader, tryAgainOf } from "../views/try-again";
import { readContactForm } from "./directory-forms";

export async function contactPartnerPage(context: PageContext): Promise<HttpResponseInit> {
  const id = (context.request.params.id ?? "").toLowerCase();
  const services = context.services;
  const record = isIdOf(tenantGuid, id) ? await services.tenants.getPartner(id) : undefined;
  const partner = record && toPublicPartner(record);
  if (!partner) throw new NotFoundError("No such partner in the directory.");
  const title = `Contact ${partner.name}`;
  if (context.request.method === "POST") {
    const { session, form } = await context.readForm(contactPath(id));
    const { values, body, errors } = readContactForm(form);
    if (!body)
      return context.render({
        title,
        body: contactView({ partner, values, errors, csrfToken: session.csrfToken }),
        status: 400
      });
    try {
      await contactPartner(
        services,
        id,
        body,
        readClientAddress(context.request, services.config.clientAddressProxyHops)
      );
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
      const view = contactView({
        partner,
        values,
        errors: [],
        csrfToken: session.csrfToken,
        tryAgain: tryAgainOf(error)
      });
      return context.render({ title, body: view, status: error.status, headers: retryAfterHeader(error) });
    }
    return redirect(`${contactPath(id)}?sent=1`);
  }
  const session = await context.requireSession();
  if (context.request.query.has("sent"))
    return context.render({ title: "Request sent", body: contactSentView(partner) });
  return context.render({
    title,
    body: contactView({ partner, values: {}, errors: [], csrfToken: session.csrfToken })
  });
}
