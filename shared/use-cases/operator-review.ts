/**
 * The operator's review of partner applications: list them by status (oldest first), read one, approve or reject
 * it. Each decision is recorded on the application with who took it and when (its history is the audit trail),
 * and a rejection carries a reason the applicant sees.
 *
 * Approval, in an order that survives a crash at any step: claim the display name (a point create; 409 when
 * another partner holds it), mark the application approved (ETag-guarded, so an update the applicant made after
 * the operator read it is not approved unseen), then register the partner. Approving again finishes a
 * registration that a crash left undone, and otherwise changes nothing.
 */
import type { OperatorApplicationResource } from "../api/onboarding-schemas";
import { partnerNameProblem } from "../domain/partner-names";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors";
import type { Page } from "../relationships/ports";
import type { ApplicationStatus, OnboardingActor, PartnerApplication, Versioned } from "../tenants/partner-onboarding";
import type { TenantStore } from "../tenants/tenant-records";
import { appendEvent } from "./partner-application";
import { claimPartnerName, type NameClaimPorts } from "./partner-name-claims";

export interface ReviewPorts extends NameClaimPorts {
  readonly tenants: Pick<TenantStore, "getPartner" | "registerPartner">;
}

export interface ApplicationDecision {
  readonly tenantId: string;
  readonly operator: OnboardingActor;
  readonly ifMatch?: string;
}

export async function listApplications(
  ports: ReviewPorts,
  status: ApplicationStatus,
  top: number,
  continuation?: string
): Promise<Page<Versioned<PartnerApplication>>> {
  return ports.onboarding.listApplications(status, top, continuation);
}

export async function getApplication(
  ports: ReviewPorts,
  tenantId: string,
  ifMatch?: string
): Promise<Versioned<PartnerApplication>> {
  const found = await ports.onboarding.getApplication(tenantId.toLowerCase());
  if (!found) throw new NotFoundError("No application from this tenant.");
  if (ifMatch !== undefined && ifMatch !== found.etag)
    throw new PreconditionFailedError("The application changed since you read it; read it again before deciding.");
  return found;
}

export async function approveApplication(
  ports: ReviewPorts,
  decision: ApplicationDecision
): Promise<Versioned<PartnerApplication>> {
  const found = await getApplication(ports, decision.tenantId, decision.ifMatch);
  const application = found.document;
  if (application.status === "rejected")
    throw new ConflictError("This application was rejected; the tenant may apply again.");
  if (application.status === "approved" && (await ports.tenants.getPartner(application.tenantId))?.status) return found;
  if (application.status === "inReview") {
    // Names reserved since the tenant applied are caught here; the operator rejects with the reason.
    const problem = partnerNameProblem(application.displayName);
    if (problem)
      throw new ConflictError("The display name can no longer be approved; reject the application with this reason.", [
        { field: "displayName", message: problem }
      ]);
  }
  await claimPartnerName(ports, application.tenantId, application.displayName, "displayName");
  const now = ports.clock.now().toISOString();
  const approved =
    application.status === "approved"
      ? found
      : await ports.onboarding.replaceApplication(
          {
            ...application,
            status: "approved",
            updatedDateTime: now,
            decision: { status: "approved", decidedDateTime: now, operator: decision.operator },
            history: appendEvent(application.history, { action: "approved", at: now, actor: decision.operator })
          },
          found.etag
        );
  const decidedBy = approved.document.decision?.operator ?? decision.operator;
  await ports.tenants.registerPartner({
    tenantId: application.tenantId,
    displayName: application.displayName,
    identity: {
      legalName: application.legalName,
      partnerId: application.partnerId,
      verifiedDomain: application.verifiedDomain
    },
    approval: {
      action: "approved",
      at: approved.document.decision?.decidedDateTime ?? now,
      actor: { ...decidedBy, kind: "operator" }
    }
  });
  return approved;
}

export async function rejectApplication(
  ports: ReviewPorts,
  decision: ApplicationDecision & { readonly reason: string }
): Promise<Versioned<PartnerApplication>> {
  const found = await getApplication(ports, decision.tenantId, decision.ifMatch);
  const application = found.document;
  if (application.status !== "inReview") {
    throw new ConflictError(
      application.status === "approved"
        ? "This application was approved; suspend the partner instead."
        : "This application was already rejected."
    );
  }
  const now = ports.clock.now().toISOString();
  return ports.onboarding.replaceApplication(
    {
      ...application,
      status: "rejected",
      updatedDateTime: now,
      decision: { status: "rejected", reason: decision.reason, decidedDateTime: now, operator: decision.operator },
      history: appendEvent(application.history, {
        action: "rejected",
        at: now,
        actor: decision.operator,
        reason: decision.reason
      })
    },
    found.etag
  );
}

/** The operator's view: everything, with who decided and the whole history. */
export function toOperatorApplication(application: PartnerApplication): OperatorApplicationResource {
  const { id: _id, kind: _kind, ...rest } = application;
  return { ...rest, contact: { ...application.contact }, history: application.history.map((event) => ({ ...event })) };
}
