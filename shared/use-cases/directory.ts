/**
 * "Find a partner": the public directory of partner profiles, and "Contact me", which stores what the customer
 * typed and queues a notification for the partner. The queue message carries ids only; the email sender reads the
 * request back from Cosmos DB, so no personal data sits in Service Bus. Contact me is anonymous, so it is limited
 * per client address and per partner (shared/limits/) before anything is stored.
 */
import { randomUUID } from "node:crypto";
import type { ContactPartnerBody, DirectoryQuery, PublicPartner } from "../api/public-schemas";
import type { Clock } from "../clock";
import { isInGoodStanding } from "../domain/partner-standing";
import { NotFoundError } from "../errors";
import type { Limiter } from "../limits/limiter";
import type { ContactPartnerMessage } from "../messaging/messages";
import type { MessagePublisher, Page } from "../relationships/ports";
import type { ContactRequest, PartnerRecord, TenantStore } from "../tenants/tenant-records";

export interface DirectoryPorts {
  readonly tenants: TenantStore;
}

export interface ContactPorts extends DirectoryPorts {
  readonly publisher: MessagePublisher;
  readonly clock: Clock;
  readonly limiter: Limiter;
}

export async function searchDirectory(
  ports: DirectoryPorts,
  query: Omit<DirectoryQuery, "$skiptoken">,
  continuation?: string
): Promise<Page<PublicPartner>> {
  const filter = {
    name: query.name,
    industry: query.industry,
    location: query.location,
    partnerType: query.partnerType
  };
  const page = await ports.tenants.searchPartners(filter, query.$top, continuation);
  return { items: page.items.flatMap((record) => toPublicPartner(record) ?? []), continuation: page.continuation };
}

/**
 * The public face of a partner: named fields only, so nothing added to the profile later leaks by default.
 * Undefined for a partner the directory does not list (no profile, or not in good standing): it cannot be
 * found, and it cannot be contacted through the directory either.
 */
export function toPublicPartner(record: PartnerRecord): PublicPartner | undefined {
  const profile = record.profile;
  if (!profile || !isInGoodStanding(record)) return undefined;
  return {
    id: record.tenantId,
    name: profile.name,
    ...(profile.website ? { website: profile.website } : {}),
    ...(profile.description ? { description: profile.description } : {}),
    industries: [...profile.industries],
    locations: [...profile.locations],
    partnerTypes: [...profile.partnerTypes]
  };
}

/** `clientAddress` is who asked (shared/limits/client-address.ts), for the per-client limit only; it is not stored. */
export async function contactPartner(
  ports: ContactPorts,
  partnerTenantId: string,
  body: ContactPartnerBody,
  clientAddress: string
): Promise<ContactRequest> {
  const partner = await ports.tenants.getPartner(partnerTenantId.toLowerCase());
  if (!partner || !toPublicPartner(partner)) throw new NotFoundError("No such partner in the directory.");
  const admission = await ports.limiter.admitContactRequest(clientAddress, partner.tenantId, ports.clock.now());
  const request: ContactRequest = {
    id: randomUUID(),
    kind: "contactRequest",
    tenantId: partner.tenantId,
    createdDateTime: ports.clock.now().toISOString(),
    contact: {
      name: body.contact.name,
      email: body.contact.email,
      ...(body.contact.phone ? { phone: body.contact.phone } : {}),
      location: body.location,
      organisationName: body.organisationName,
      organisationSize: body.organisationSize,
      industry: body.industry,
      businessNeeds: body.businessNeeds
    }
  };
  await ports.tenants.saveContactRequest(request).catch(async (error: unknown) => {
    await admission.release();
    throw error;
  });
  return publishContactRequest(ports, request);
}

/**
 * Queues the email for a stored request and marks it published. If the queue is unreachable the request stays
 * stored and unmarked, and the outbox timer publishes it later: the person who asked is never told to retry.
 */
export async function publishContactRequest(
  ports: Pick<ContactPorts, "tenants" | "publisher" | "clock">,
  request: ContactRequest
): Promise<ContactRequest> {
  const message: ContactPartnerMessage = {
    kind: "contactPartner",
    partnerTenantId: request.tenantId,
    contactRequestId: request.id
  };
  try {
    await ports.publisher.publish(message, request.id);
  } catch {
    return request;
  }
  const published = { ...request, publishedDateTime: ports.clock.now().toISOString() };
  // A concurrent save by the email handler (emailSentDateTime) must not be lost: keep whichever came later.
  const current = await ports.tenants.getContactRequest(request.tenantId, request.id);
  await ports.tenants.saveContactRequest({ ...(current ?? request), publishedDateTime: published.publishedDateTime });
  return published;
}
