/**
 * The one place where configuration meets SDK clients. Built lazily on first use (not at import, which would
 * slow every cold start and fail function discovery on a bad setting) and then reused by every invocation.
 */
import { DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import { rememberingVerifier } from "./auth/remembering-verifier";
import { createTokenVerifier } from "./auth/token-verifier";
import { systemClock } from "./clock";
import { parseConfig, type Config } from "./config";
import { CosmosAuditLog } from "./cosmos/cosmos-audit-log";
import { createCosmosClient } from "./cosmos/cosmos-client";
import { CosmosCustomerRelationshipIndex, CosmosInvitationTokenIndex } from "./cosmos/cosmos-indexes";
import { CosmosRelationshipStore } from "./cosmos/cosmos-relationship-store";
import { CosmosTenantStore } from "./cosmos/cosmos-tenant-store";
import { containerIds } from "./cosmos/containers";
import { createServiceBusClient } from "./messaging/service-bus-client";
import { backgroundPublishDeadlineMs, ServiceBusPublisher } from "./messaging/service-bus-publisher";
import { CosmosGrantStore } from "./cosmos/cosmos-grant-store";
import { CommunicationEmailSender, createEmailClient } from "./email/email-sender";
import { CosmosLimitStore } from "./limits/cosmos-limit-store";
import { createLimiter } from "./limits/limiter";
import { CachedPartnerRecords } from "./tenants/cached-partner-records";
import { CosmosOnboardingStore } from "./cosmos/cosmos-onboarding-store";
import { CosmosPartnerCustomerIndex } from "./cosmos/cosmos-partner-customers";
import { CosmosPurchaseSharingStore } from "./cosmos/cosmos-purchase-sharing-store";
import { CosmosPurchaseStore } from "./cosmos/cosmos-purchase-store";
import { CosmosDeviceStore } from "./cosmos/cosmos-device-store";
import { CosmosRelationshipFacts } from "./cosmos/cosmos-relationship-facts";
import { CosmosTemplateStore } from "./cosmos/cosmos-template-store";
import { CosmosBatchStore } from "./cosmos/cosmos-batch-store";
import type { Services } from "./services";

let services: Services | undefined;

export function getServices(): Services {
  services ??= buildServices(parseConfig(process.env));
  return services;
}

function buildServices(config: Config): Services {
  let credential: TokenCredential | undefined;
  const sharedCredential = () => (credential ??= new DefaultAzureCredential());
  const cosmosClient = createCosmosClient(config.cosmos.connection, sharedCredential);
  const database = cosmosClient.database(config.cosmos.databaseName);
  const container = (id: string) => database.container(id);
  const serviceBusClient = createServiceBusClient(config.serviceBus.connection, sharedCredential);
  const publisher = new ServiceBusPublisher(serviceBusClient);
  return {
    config,
    clock: systemClock,
    cosmosClient,
    database,
    store: new CosmosRelationshipStore(container(containerIds.relationships)),
    invitationTokens: new CosmosInvitationTokenIndex(container(containerIds.invitationTokens)),
    customerIndex: new CosmosCustomerRelationshipIndex(container(containerIds.customerRelationships)),
    auditLog: new CosmosAuditLog(container(containerIds.audit)),
    tenants: new CachedPartnerRecords(new CosmosTenantStore(container(containerIds.tenants))),
    onboarding: new CosmosOnboardingStore(container(containerIds.tenants)),
    serviceBusClient,
    publisher,
    backgroundPublisher: publisher.withDeadline(backgroundPublishDeadlineMs),
    tokenVerifier: rememberingVerifier(createTokenVerifier(config.auth)),
    linkTokenSecret: config.linkTokenSecret,
    publicBaseUrl: config.publicBaseUrl,
    grantStore: new CosmosGrantStore(container(containerIds.access)),
    emailSender: new CommunicationEmailSender(
      createEmailClient(config.email.connection, sharedCredential),
      config.email.senderAddress
    ),
    partnerCustomers: new CosmosPartnerCustomerIndex(container(containerIds.tenants)),
    purchases: new CosmosPurchaseStore(container(containerIds.purchases)),
    purchaseSharing: new CosmosPurchaseSharingStore(container(containerIds.tenants)),
    limiter: createLimiter(new CosmosLimitStore(container(containerIds.limits)), config.limits, config.linkTokenSecret),
    devices: new CosmosDeviceStore(container(containerIds.devices)),
    relationshipFacts: new CosmosRelationshipFacts(container(containerIds.relationships)),
    templates: new CosmosTemplateStore(container(containerIds.relationshipTemplates)),
    batches: new CosmosBatchStore(container(containerIds.invitationBatches))
  };
}
