import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { NotFoundError } from "../shared/errors";
import { readContactForm } from "../shared/pages/handlers/directory";
import { page } from "../shared/pages/page-endpoint";
import { redirect } from "../shared/pages/page-response";
import { contactPath, contactSentView, contactView } from "../shared/pages/views/directory";
import { contactPartner, toPublicPartner } from "../shared/use-cases/directory";

// "Contact me": the customer's details go to the partner through the same use case as POST /api/partners/{id}/contact.
app.http("pageContactPartner", {
  route: "partners/{id}/contact",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const id = (context.request.params.id ?? "").toLowerCase();
    const services = getServices();
    const record = /^[0-9a-f-]{36}$/.test(id) ? await services.tenants.getPartner(id) : undefined;
    const partner = record && toPublicPartner(record);
    if (!partner) throw new NotFoundError("No such partner in the directory.");
    const title = `Contact ${partner.name}`;
    if (context.request.method === "POST") {
      const { session, form } = await context.readForm(contactPath(id));
      const { values, body, errors } = readContactForm(form);
      if (!body) return context.render({ title, body: contactView({ partner, values, errors, csrfToken: session.csrfToken }), status: 400 });
      await contactPartner(services, id, body);
      return redirect(`${contactPath(id)}?sent=1`);
    }
    const session = await context.requireSession();
    if (context.request.query.has("sent")) return context.render({ title: "Request sent", body: contactSentView(partner) });
    return context.render({ title, body: contactView({ partner, values: {}, errors: [], csrfToken: session.csrfToken }) });
  })
});
