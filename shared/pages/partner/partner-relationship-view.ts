/**
 * The partner's page for one relationship: the relationship, its security groups (access assignments) with the
 * "Assign a security group" form, its recent operations and its history. The script refreshes the status, the
 * roles and every group's and operation's status from the page's JSON every 2 s. Readers (no Partner.Admin) see
 * everything but the forms; while the relationship is not active the page says why no group can be assigned.
 */
import type { AccessAssignmentRecord } from "../../assignments/assignment-records";
import type { Principal } from "../../auth/principal";
import type { StoredRelationship } from "../../relationships/relationship-document";
import type { HistoryEntry } from "../../use-cases/customer-views";
import { html, type SafeHtml } from "../html";
import { describeUser } from "../layout";
import { groupName } from "../views/assignment-parts";
import type { AssignmentFormError, AssignmentFormValues } from "./assignment-form";
import { assignmentFormView } from "./assignment-form-view";
import { assignmentListView, removeDialogs } from "./assignment-list-view";
import { assignRefusal } from "./assignment-status";
import { operationsView } from "./operations-view";
import { assignmentPath, partnerRelationshipPath } from "./partner-paths";
import { partnerStylesheetUrl } from "./partner-styles";
import { customerName, historyView, relationshipFacts, relationshipRoles } from "./relationship-facts-view";

export type AssignmentDone = "assigned" | "changed" | "unchanged" | "removed";

export type RelationshipNotice =
  | { readonly kind: "done"; readonly action: AssignmentDone; readonly assignment: AccessAssignmentRecord }
  | { readonly kind: "refused"; readonly message: string };

export interface PartnerRelationshipView {
  readonly document: StoredRelationship;
  readonly now: Date;
  readonly history: readonly HistoryEntry[];
  readonly principal: Principal;
  /** Present for a Partner.Admin: the forms and actions need it. */
  readonly csrfToken?: string;
  readonly notice?: RelationshipNotice;
  readonly form?: { readonly values: AssignmentFormValues; readonly errors: readonly AssignmentFormError[] };
}

export function partnerRelationshipView(view: PartnerRelationshipView): SafeHtml {
  const { document } = view;
  const assign = assignSection(view);
  const formFirst = (view.form?.errors.length ?? 0) > 0;
  const groups = html`<section id="assignments" aria-labelledby="assignments-title">
<h2 id="assignments-title">Security groups</h2>
<p>Your people act in ${customerName(document)}'s organisation through your own security groups: each group is given some of the relationship's roles, and only its members can use them.</p>
${assignmentListView({ document, now: view.now, csrfToken: view.csrfToken })}
</section>`;
  return html`<link rel="stylesheet" href="${partnerStylesheetUrl}">
<p><a href="/partner/invitations#row-${document.id}">← Invitations</a></p>
<div class="partner-relationship" data-poll-url="${partnerRelationshipPath(document.id, "status")}" data-status="${document.status}">
<h1>${document.displayName}</h1>
<p class="lead">Your relationship with ${customerName(document)}</p>
${view.notice && notice(view.notice)}
<p class="visually-hidden" aria-live="polite" data-live-region></p>
${relationshipFacts(document, view.now)}
${relationshipRoles(document)}
${formFirst ? [assign, groups] : [groups, assign]}
<section id="operations" aria-labelledby="operations-title">
<h2 id="operations-title">Recent operations</h2>
<p>The work done in the background for this relationship: applying and removing groups' roles, activation, Remove roles, termination and expiry.</p>
${operationsView(document, view.now)}
</section>
</div>
${view.csrfToken && removeDialogs(document, view.csrfToken)}
${historyView(view.history)}`;
}

function assignSection(view: PartnerRelationshipView): SafeHtml {
  const { document } = view;
  const refusal = assignRefusal(document);
  const heading = html`<h2 id="assign-title">Assign a security group</h2>`;
  if (!view.csrfToken) {
    return html`<section id="assign" aria-labelledby="assign-title">${heading}
<div class="notice notice--warning"><p>Assigning, changing and removing security groups needs the <strong>Partner.Admin</strong> app role, which ${describeUser(view.principal)} does not have. You can still follow them here.</p></div>
</section>`;
  }
  const roleIds = document.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId);
  // The form is there (hidden) while the relationship is on its way to active, so it appears as soon as it is.
  return html`<section id="assign" aria-labelledby="assign-title">${heading}
<p class="notice" data-field="assignNote" data-hide-when-empty${refusal ? "" : html` hidden`}>${refusal}</p>
${
  roleIds.length > 0 &&
  html`<div data-action="assign"${refusal ? html` hidden` : ""}>
${assignmentFormView({ action: assignmentPath(document.id), roleIds, values: view.form?.values ?? { securityGroupId: "", label: "", roleIds: [] }, errors: view.form?.errors ?? [], csrfToken: view.csrfToken, withGroup: true, submit: "Assign group", errorTitle: "The security group was not assigned" })}
</div>`
}
</section>`;
}

function notice(value: RelationshipNotice): SafeHtml {
  if (value.kind === "refused")
    return html`<div class="notice notice--error" role="alert"><p>${value.message}</p></div>`;
  const group = html`<strong>${groupName(value.assignment)}</strong>`;
  const messages: Record<AssignmentDone, SafeHtml> = {
    assigned: html`${group} was assigned. Its members get its roles as soon as the status below says Active; it updates by itself.`,
    changed: html`The roles of ${group} were changed. Roles taken away stopped at once; new ones apply as soon as the status below says Active.`,
    unchanged: html`Nothing needed changing for ${group}.`,
    removed: html`${group} was removed: its members lost its roles at once. It shows Deleted once the removal is finished.`
  };
  return html`<div class="notice notice--success" role="status" data-notice="${value.action}"><p>${messages[value.action]}</p></div>`;
}
