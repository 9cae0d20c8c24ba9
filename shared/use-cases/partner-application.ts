/**
 * A tenant applies to become a partner: legal name, Partner ID, verified domain, contact and display name. The
 * first submission creates the application in review; while in review the applicant may update it; after a
 * rejection it may apply again (a new round; the rejection stays in the history). An approved tenant changes its
 * display name through its profile instead. Each change is one ETag-guarded write of the application, which
 * carries its own history (who, when). The display name is checked against other partners' claimed names here
 * (a point read) and claimed only when an operator approves.
 */
import type { ApplicationBody, ApplicationResource } from "../api/onboarding-schemas";
import type { Principal } from "../auth/principal";
import { validateApplication } from "../domain/partner-application-rules";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "../errors";
import type { ApplicationEvent, OnboardingActor, PartnerApplication, Versioned } from "../tenants/partner-onboarding";
import type { PartnerRecord } from "../tenants/tenant-records";
import { checkPartnerNameFree, type NameClaimPorts } from "./partner-name-claims";

export type ApplicationPorts = NameClaimPorts;

export const maxHistoryEvents = 100;

export interface Submission {
  readonly applicant: Principal;
  readonly body: ApplicationBody;
  /** The ETag the applicant read (optional): a stale one is a 412 instead of overwriting a newer version. */
  readonly ifMatch?: string;
}

export async function submitApplication(
  ports: ApplicationPorts,
  submission: Submission
): Promise<Versioned<PartnerApplication>> {
  const validation = validateApplication(submission.body);
  if (!validation.ok) throw new ValidationError(validation.errors);
  const tenantId = submission.applicant.tenantId.toLowerCase();
  const partner = await ports.tenants.getPartner(tenantId);
  if (partner?.status)
    throw new ConflictError(
      "Your tenant is already an approved partner. Change your display name in your partner profile."
    );
  await checkPartnerNameFree(ports, tenantId, validation.value.displayName, "displayName");

  const now = ports.clock.now().toISOString();
  const actor = applicantOf(submission.applicant);
  const current = await ports.onboarding.getApplication(tenantId);
  if (submission.ifMatch !== undefined && submission.ifMatch !== current?.etag) {
    throw new PreconditionFailedError("Your application changed since you read it; read it again and retry.");
  }
  const fields = { ...validation.value, tenantId, updatedDateTime: now };
  if (!current) {
    const event: ApplicationEvent = { action: "submitted", at: now, actor };
    return ports.onboarding.createApplication({
      id: "partner-application",
      kind: "partnerApplication",
      ...fields,
      status: "inReview",
      submittedDateTime: now,
      history: [event]
    });
  }
  const earlier = current.document;
  if (earlier.status === "approved")
    throw new ConflictError(
      "Your application was approved; your tenant's registration is being completed by the operator."
    );
  const reapplying = earlier.status === "rejected";
  const { decision: _previous, ...rest } = earlier;
  const next: PartnerApplication = {
    ...(reapplying ? rest : earlier),
    ...fields,
    status: "inReview",
    submittedDateTime: reapplying ? now : earlier.submittedDateTime,
    history: appendEvent(earlier.history, { action: reapplying ? "submitted" : "updated", at: now, actor })
  };
  return ports.onboarding.replaceApplication(next, current.etag);
}

export async function getOwnApplication(
  ports: ApplicationPorts,
  tenantId: string
): Promise<{ application: Versioned<PartnerApplication>; partner?: PartnerRecord }> {
  const [application, partner] = await Promise.all([
    ports.onboarding.getApplication(tenantId.toLowerCase()),
    ports.tenants.getPartner(tenantId.toLowerCase())
  ]);
  if (!application)
    throw new NotFoundError(
      "Your tenant has not applied to become a partner yet; POST /api/partner-application applies."
    );
  return { application, ...(partner ? { partner } : {}) };
}

/** The applicant's view: its own fields and the decision, without the operator's identity. */
export function toApplicationResource(application: PartnerApplication, partner?: PartnerRecord): ApplicationResource {
  const lastStanding = partner?.standing?.[partner.standing.length - 1];
  return {
    tenantId: application.tenantId,
    status: application.status,
    legalName: application.legalName,
    partnerId: application.partnerId,
    verifiedDomain: application.verifiedDomain,
    displayName: application.displayName,
    contact: { ...application.contact },
    submittedDateTime: application.submittedDateTime,
    updatedDateTime: application.updatedDateTime,
    ...(application.decision
      ? {
          decision: {
            status: application.decision.status,
            ...(application.decision.reason ? { reason: application.decision.reason } : {}),
            decidedDateTime: application.decision.decidedDateTime
          }
        }
      : {}),
    ...(partner?.status
      ? {
          partner: {
            status: partner.status,
            ...(partner.status === "suspended" && lastStanding?.reason ? { reason: lastStanding.reason } : {})
          }
        }
      : {})
  };
}

function applicantOf(principal: Principal): OnboardingActor {
  return {
    kind: "applicant",
    tenantId: principal.tenantId.toLowerCase(),
    userId: principal.userId,
    ...(principal.displayName ? { displayName: principal.displayName } : {})
  };
}

export function appendEvent(history: readonly ApplicationEvent[], event: ApplicationEvent): ApplicationEvent[] {
  return [...history, event].slice(-maxHistoryEvents);
}
