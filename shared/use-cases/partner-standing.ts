/**
 * An operator suspends an approved partner (it can no longer invite or resend; its relationships continue and its
 * customers can still remove its roles) and reinstates it. Each change is one ETag-guarded write of the partner
 * record, which keeps who did it, when and why in its `standing` history.
 */
import type { OperatorPartnerResource } from "../api/onboarding-schemas";
import type { Clock } from "../clock";
import type { PartnerStatus } from "../domain/partner-standing";
import { NotFoundError } from "../errors";
import type { Page } from "../relationships/ports";
import type { OnboardingActor } from "../tenants/partner-onboarding";
import type { PartnerRecord, PartnerStandingEvent, TenantStore } from "../tenants/tenant-records";

export interface StandingPorts {
  readonly tenants: Pick<TenantStore, "updatePartner" | "listPartners">;
  readonly clock: Clock;
}

const maxStandingEvents = 50;

export function listPartnersByStatus(
  ports: StandingPorts,
  status: PartnerStatus,
  top: number,
  continuation?: string
): Promise<Page<PartnerRecord>> {
  return ports.tenants.listPartners(status, top, continuation);
}

export function suspendPartner(
  ports: StandingPorts,
  tenantId: string,
  operator: OnboardingActor,
  reason: string
): Promise<PartnerRecord> {
  return changeStanding(ports, tenantId, "suspended", { action: "suspended", operator, reason });
}

export function reinstatePartner(
  ports: StandingPorts,
  tenantId: string,
  operator: OnboardingActor,
  reason?: string
): Promise<PartnerRecord> {
  return changeStanding(ports, tenantId, "approved", { action: "reinstated", operator, reason });
}

function changeStanding(
  ports: StandingPorts,
  tenantId: string,
  status: PartnerStatus,
  event: { action: PartnerStandingEvent["action"]; operator: OnboardingActor; reason?: string }
): Promise<PartnerRecord> {
  return ports.tenants.updatePartner(tenantId.toLowerCase(), (current) => {
    if (!current?.status) throw new NotFoundError("No approved partner with this tenant id.");
    // Already there: the same record back, so nothing is written and the history gets no duplicate.
    if (current.status === status) return current;
    const recorded: PartnerStandingEvent = {
      action: event.action,
      at: ports.clock.now().toISOString(),
      actor: { ...event.operator, kind: "operator" },
      ...(event.reason ? { reason: event.reason } : {})
    };
    return { ...current, status, standing: [...(current.standing ?? []), recorded].slice(-maxStandingEvents) };
  });
}

export function toOperatorPartner(record: PartnerRecord): OperatorPartnerResource {
  return {
    tenantId: record.tenantId,
    displayName: record.displayName,
    status: record.status ?? "approved",
    ...(record.identity ? { ...record.identity } : {}),
    registeredDateTime: record.registeredDateTime,
    standing: (record.standing ?? []).map((event) => ({ ...event, actor: { ...event.actor } }))
  };
}
