/**
 * Every port the relationship write path takes (creating an invitation, changing a relationship, draining its
 * outbox, sending its email), in memory and wired as the composition root wires the real ones: the real limiter
 * over an in-memory limit store, a test clock, and the fakes of this folder. Plus the data a test starts from.
 */
import { createLimiter, defaultLimitSettings, type LimitSettings } from "../../../shared/limits/limiter";
import type { InvitationRequest } from "../../../shared/domain/relationship";
import type { PartnerRecord } from "../../../shared/tenants/tenant-records";
import type { CreateInvitationPorts } from "../../../shared/use-cases/create-invitation";
import type { SendInvitationEmailPorts } from "../../../shared/use-cases/send-invitation-email";
import { InMemoryGrantStore } from "./grant-store";
import { TestClock } from "./clock";
import { RecordingEmailSender } from "./email-sender";
import { InMemoryLimitStore } from "./limit-store";
import {
  InMemoryAuditLog,
  InMemoryCustomerIndex,
  InMemoryInvitationTokens,
  RecordingPublisher
} from "./outbox-targets";
import { InMemoryRelationshipStore } from "./relationship-store";

export const partnerTenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
export const customerTenantId = "6babcaad-604b-40ac-a9d7-9fd97c0b779f";
export const helpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
export const linkTokenSecret = Buffer.alloc(32, 7);
export const publicBaseUrl = "https://partners.example";

export type WritePathPorts = CreateInvitationPorts & SendInvitationEmailPorts;

export interface WritePath {
  readonly ports: WritePathPorts;
  readonly clock: TestClock;
  readonly store: InMemoryRelationshipStore;
  readonly auditLog: InMemoryAuditLog;
  readonly customerIndex: InMemoryCustomerIndex;
  readonly invitationTokens: InMemoryInvitationTokens;
  readonly publisher: RecordingPublisher;
  readonly grantStore: InMemoryGrantStore;
  readonly emailSender: RecordingEmailSender;
  readonly limitStore: InMemoryLimitStore;
}

export function inMemoryWritePath(limits: Partial<LimitSettings> = {}): WritePath {
  const parts = {
    clock: new TestClock(new Date("2027-03-01T09:00:00.000Z")),
    store: new InMemoryRelationshipStore(),
    auditLog: new InMemoryAuditLog(),
    customerIndex: new InMemoryCustomerIndex(),
    invitationTokens: new InMemoryInvitationTokens(),
    publisher: new RecordingPublisher(),
    grantStore: new InMemoryGrantStore(),
    emailSender: new RecordingEmailSender(),
    limitStore: new InMemoryLimitStore()
  };
  const limiter = createLimiter(parts.limitStore, { ...defaultLimitSettings, ...limits }, linkTokenSecret);
  return { ...parts, ports: { ...parts, limiter, linkTokenSecret, publicBaseUrl } };
}

export function approvedPartner(overrides: Partial<PartnerRecord> = {}): PartnerRecord {
  return {
    id: "partner",
    kind: "partner",
    tenantId: partnerTenantId,
    displayName: "Contoso Partners",
    registeredDateTime: "2027-01-01T00:00:00.000Z",
    status: "approved",
    identity: { legalName: "Contoso Partners Ltd", partnerId: "1234567", verifiedDomain: "contoso-partners.example" },
    ...overrides
  };
}

export function invitationRequest(overrides: Partial<InvitationRequest> = {}): InvitationRequest {
  return {
    partnerType: "partnerWithGdap",
    displayName: "Managed helpdesk",
    customer: { adminEmail: "admin@customer.example", tenantId: customerTenantId },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdeskAdministrator }] },
    duration: "P730D",
    autoExtendDuration: "PT0S",
    ...overrides
  };
}

export const partnerActor = { kind: "partner", tenantId: partnerTenantId, userId: "partner-user-1" } as const;
