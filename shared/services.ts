/**
 * What the composition root builds and every handler is handed: the ports, clients and settings of one instance.
 * A types-only module apart from composition-root.ts, so code that needs the shape never imports the wiring.
 */
import type { CosmosClient, Database } from "@azure/cosmos";
import type { ServiceBusClient } from "@azure/service-bus";
import type { TokenVerifier } from "./auth/token-verifier";
import type { BatchStore } from "./batches/batch-records";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { DeviceStore } from "./devices/device-records";
import type { EmailSender } from "./email/email-sender";
import type { GrantStore } from "./grants/role-grants";
import type { Limiter } from "./limits/limiter";
import type { OutboxPorts } from "./outbox/drain-outbox";
import type { PurchaseStore } from "./purchases/purchase-records";
import type { PurchaseSharingStore } from "./purchases/purchase-sharing";
import type { PartnerCustomerIndex } from "./relationships/partner-customers";
import type { InvitationTokenIndex, MessagePublisher, PartnerRelationshipFacts } from "./relationships/ports";
import type { TemplateStore } from "./templates/template-records";
import type { OnboardingStore } from "./tenants/partner-onboarding";
import type { TenantStore } from "./tenants/tenant-records";

export interface Services extends OutboxPorts {
  readonly config: Config;
  readonly clock: Clock;
  readonly cosmosClient: CosmosClient;
  readonly database: Database;
  readonly invitationTokens: InvitationTokenIndex;
  readonly tenants: TenantStore;
  readonly onboarding: OnboardingStore;
  readonly serviceBusClient: ServiceBusClient;
  /** `publisher` waits a request's short deadline per send; this one, for timers and retry scheduling, longer. */
  readonly backgroundPublisher: MessagePublisher;
  readonly tokenVerifier: TokenVerifier;
  readonly linkTokenSecret: Buffer;
  readonly publicBaseUrl: string;
  readonly grantStore: GrantStore;
  readonly emailSender: EmailSender;
  readonly limiter: Limiter;
  readonly partnerCustomers: PartnerCustomerIndex;
  readonly purchases: PurchaseStore;
  readonly purchaseSharing: PurchaseSharingStore;
  /** Devices OEMs registered (shared/devices/). */
  readonly devices: DeviceStore;
  /** A partner's relationships with one customer: who may record MPSA purchases or register devices. */
  readonly relationshipFacts: PartnerRelationshipFacts;
  readonly templates: TemplateStore;
  readonly batches: BatchStore;
}
