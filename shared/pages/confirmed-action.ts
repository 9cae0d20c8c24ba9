/**
 * A relationship action behind a confirmation (Remove roles, Terminate): GET is the confirmation page for browsers
 * without the script (which confirm in a dialog instead), POST does it through the API's use case and returns to
 * the details page with a confirmation.
 */
import type { Principal } from "../auth/principal";
import type { Services } from "../services";
import { getCustomerRelationship } from "../use-cases/customer-relationships";
import type { SafeHtml } from "./html";
import type { PageHandler } from "./page-endpoint";
import { redirect } from "./page-response";
import { summarize, type RelationshipSummary } from "./relationship-summary";
import { routeId } from "./route-id";
import { confirmForm, confirmPageView } from "./views/relationship";
import { relationshipPath } from "./views/relationships";

export interface ConfirmedAction {
  readonly path: "remove-roles" | "terminate";
  readonly title: string;
  readonly yes: string;
  readonly explain: (summary: RelationshipSummary) => SafeHtml;
  readonly act: (services: Services, principal: Principal, relationshipId: string) => Promise<unknown>;
  /** The query flag the details page shows its confirmation for. */
  readonly doneFlag: string;
}

/** The page handler; its trigger wraps it in `page()`. */
export function confirmedRelationshipAction(action: ConfirmedAction): PageHandler {
  return async (context) => {
    const id = routeId(context.request);
    if (context.request.method === "POST") {
      const { session } = await context.readForm(relationshipPath(id));
      await action.act(context.services, session.principal, id);
      return redirect(`${relationshipPath(id)}?${action.doneFlag}=1`);
    }
    const session = await context.requireSession();
    const { relationship } = await getCustomerRelationship(context.services, session.principal, id);
    const summary = summarize(relationship.document);
    const form = confirmForm(summary, action.path, session.csrfToken, action.yes, "No", "button--danger", false);
    return context.render({ title: action.title, body: confirmPageView(action.title, action.explain(summary), form) });
  };
}
