/**
 * `/partner/relationships/{id}/assignments[/{assignmentId}[/remove]]`, the forms behind the relationship page: POST
 * to the list assigns a group; GET an assignment shows its Change roles form and POST saves it; GET `/remove` is the
 * confirmation without the script and POST removes the group. Each calls the same use case as the API, as the
 * signed-in Partner.Admin, then redirects (303) to the relationship page, so a reload never repeats it. A refused
 * form comes back filled in, with every problem named beside its field.
 */
import type { HttpResponseInit } from "@azure/functions";
import { accessAssignmentId } from "../../api/assignment-schemas";
import { findAssignment, type AccessAssignmentRecord } from "../../assignments/assignment-records";
import type { Services } from "../../services";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "../../errors";
import { actorOf } from "../../http/callers";
import type { VersionedRelationship } from "../../relationships/relationship-document";
import {
  createAccessAssignment,
  deleteAccessAssignment,
  updateAccessAssignment
} from "../../use-cases/access-assignments";
import { getPartnerRelationship } from "../../use-cases/partner-relationships";
import { getPartnerRelationshipDetail } from "../../use-cases/partner-relationship-detail";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import { routeId } from "../route-id";
import type { PageSession } from "../session";
import {
  formErrors,
  readAssignmentForm,
  toAssignmentFormErrors,
  type AssignmentFormError,
  type AssignmentFormValues
} from "./assignment-form";
import {
  changeRolesTitle,
  changeRolesView,
  currentValues,
  removeConfirmView,
  removeTitle
} from "./assignment-page-views";
import { adminNeededView } from "./partner-invitations-view";
import { partnerRelationshipPath } from "./partner-paths";
import type { AssignmentDone } from "./partner-relationship-view";
import { relationshipUser, renderRelationshipPage, type RelationshipUser } from "./relationship-page";

export async function partnerAssignmentsPage(page: PageContext): Promise<HttpResponseInit> {
  const id = routeId(page.request);
  const { assignmentId: rawAssignmentId, action } = page.request.params;
  if (action && action !== "remove") throw new NotFoundError("There is no such page.");
  const post = page.request.method === "POST";
  if (!rawAssignmentId) return post ? assign(page, id) : redirect(`${partnerRelationshipPath(id)}#assignments`);
  const assignmentId = routeId(page.request, "assignmentId", accessAssignmentId).toLowerCase();
  if (post) {
    const user = await postingAdmin(page, id);
    if ("response" in user) return user.response;
    return action ? remove(page, user, id, assignmentId) : change(page, user, id, assignmentId);
  }
  const user = await adminUser(page, id);
  if ("response" in user) return user.response;
  return action ? confirmRemove(page, user, id, assignmentId) : showChange(page, user, id, assignmentId);
}

async function assign(page: PageContext, id: string): Promise<HttpResponseInit> {
  const user = await postingAdmin(page, id);
  if ("response" in user) return user.response;
  const values = readAssignmentForm(user.form);
  const problems = formErrors(values, true);
  const refused = async (errors: readonly AssignmentFormError[], status: number, message?: string) => {
    const detail = await getPartnerRelationshipDetail(page.services, user.partnerTenantId, id);
    return renderRelationshipPage(page, user, detail, {
      form: { values, errors },
      status,
      ...(message ? { notice: { kind: "refused", message } } : {})
    });
  };
  if (problems.length > 0) return refused(problems, 400);
  try {
    const label = values.label.trim() ? { label: values.label } : {};
    const { assignment } = await createAccessAssignment(page.services, requestOf(user, id), {
      securityGroupId: values.securityGroupId,
      roleDefinitionIds: values.roleIds,
      ...label
    });
    return done(id, "assigned", assignment);
  } catch (error) {
    if (error instanceof ValidationError || (error instanceof ConflictError && error.errors.length > 0))
      return refused(toAssignmentFormErrors(error.errors, values.roleIds), error.status);
    if (error instanceof ConflictError)
      return refused([], 409, `The security group was not assigned: ${error.message}`);
    throw error;
  }
}

async function change(page: PageContext, user: FormUser, id: string, assignmentId: string): Promise<HttpResponseInit> {
  const values = readAssignmentForm(user.form);
  const problems = formErrors(values, false);
  if (problems.length > 0) return showChange(page, user, id, assignmentId, { values, errors: problems, status: 400 });
  const version = /^\d{1,9}$/.exec(user.form.get("version") ?? "")?.[0];
  try {
    const request = {
      ...requestOf(user, id),
      accessAssignmentId: assignmentId,
      ...(version ? { ifMatch: `v${version}` } : {})
    };
    const { assignment } = await updateAccessAssignment(page.services, request, {
      roleDefinitionIds: values.roleIds,
      label: values.label.trim() ? values.label : null
    });
    return done(id, version && assignment.version === Number(version) ? "unchanged" : "changed", assignment);
  } catch (error) {
    if (error instanceof ValidationError)
      return showChange(page, user, id, assignmentId, {
        values,
        errors: toAssignmentFormErrors(error.errors, values.roleIds),
        status: 400
      });
    if (error instanceof PreconditionFailedError) {
      return showChange(page, user, id, assignmentId, {
        status: 412,
        refusal:
          "Nothing was changed: someone else changed this security group meanwhile. Here it is as it is now; make your change again if it is still needed."
      });
    }
    if (error instanceof ConflictError)
      return showChange(page, user, id, assignmentId, {
        values,
        status: 409,
        refusal: `Nothing was changed: ${error.message}`
      });
    throw error;
  }
}

async function remove(page: PageContext, user: FormUser, id: string, assignmentId: string): Promise<HttpResponseInit> {
  try {
    const { assignment } = await deleteAccessAssignment(page.services, {
      ...requestOf(user, id),
      accessAssignmentId: assignmentId
    });
    return done(id, "removed", assignment);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const detail = await getPartnerRelationshipDetail(page.services, user.partnerTenantId, id);
    return renderRelationshipPage(page, user, detail, {
      status: 409,
      notice: { kind: "refused", message: `Nothing was changed: ${error.message}` }
    });
  }
}

interface ChangeState {
  readonly values?: AssignmentFormValues;
  readonly errors?: readonly AssignmentFormError[];
  readonly status?: number;
  readonly refusal?: string;
}

async function showChange(
  page: PageContext,
  user: AdminUser,
  id: string,
  assignmentId: string,
  state: ChangeState = {}
): Promise<HttpResponseInit> {
  const { document, assignment } = await read(page.services, user, id, assignmentId);
  const body = changeRolesView({
    document,
    assignment,
    values: state.values ?? currentValues(assignment),
    errors: state.errors ?? [],
    csrfToken: user.session.csrfToken,
    ...(state.refusal ? { refusal: state.refusal } : {})
  });
  return page.render({ title: changeRolesTitle, body, nav: "partner", status: state.status });
}

async function confirmRemove(
  page: PageContext,
  user: AdminUser,
  id: string,
  assignmentId: string
): Promise<HttpResponseInit> {
  const { document, assignment } = await read(page.services, user, id, assignmentId);
  return page.render({
    title: removeTitle,
    body: removeConfirmView(document, assignment, user.session.csrfToken),
    nav: "partner"
  });
}

type AdminUser = RelationshipUser;
type FormUser = RelationshipUser & { readonly form: URLSearchParams };

/** A Partner.Admin of a partner tenant; a reader is told what it needs. */
async function adminUser(
  page: PageContext,
  id: string,
  known?: PageSession
): Promise<AdminUser | { response: HttpResponseInit }> {
  const returnTo = partnerRelationshipPath(id);
  const user = await relationshipUser(page, known);
  if (user.isAdmin) return user;
  const body = adminNeededView(user.session.principal, page.switchUserUrl(returnTo), {
    needs: "Assigning, changing and removing security groups need",
    followHref: returnTo,
    followText: "follow this relationship's security groups"
  });
  return {
    response: await page.render({ title: "You need the Partner.Admin role", body, nav: "partner", status: 403 })
  };
}

/** The same for a POST, with its form read after the same-site and CSRF checks. */
async function postingAdmin(page: PageContext, id: string): Promise<FormUser | { response: HttpResponseInit }> {
  const { session, form } = await page.readForm(partnerRelationshipPath(id));
  const user = await adminUser(page, id, session);
  return "response" in user ? user : { ...user, form };
}

async function read(
  services: Services,
  user: RelationshipUser,
  id: string,
  assignmentId: string
): Promise<{ document: VersionedRelationship["document"]; assignment: AccessAssignmentRecord }> {
  const { document } = await getPartnerRelationship(services, user.partnerTenantId, id);
  const assignment = findAssignment(document, assignmentId);
  if (!assignment) throw new NotFoundError("There is no such security group on this relationship.");
  return { document, assignment };
}

function requestOf(user: RelationshipUser, id: string) {
  return {
    partnerTenantId: user.partnerTenantId,
    relationshipId: id,
    actor: actorOf(user.session.principal, "partner")
  };
}

function done(id: string, action: AssignmentDone, assignment: AccessAssignmentRecord): HttpResponseInit {
  return redirect(
    `${partnerRelationshipPath(id)}?done=${action}&assignment=${encodeURIComponent(assignment.id)}#assignment-${encodeURIComponent(assignment.id)}`
  );
}
