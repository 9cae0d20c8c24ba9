/** TenantStore on Cosmos DB (container `tenants`, partition `/tenantId`). */
import type { Container, SqlParameter } from "@azure/cosmos";
import { PreconditionFailedError } from "../errors";
import type {
  AgreementAcceptance,
  ContactRequest,
  CustomerAgreementRecord,
  PartnerProfile,
  PartnerRecord,
  PartnerRegistration,
  PartnerSearch,
  PartnerStatus,
  TenantStore
} from "../tenants/tenant-records";
import { isNotFound, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

const maxAttempts = 5;
const maxStandingEvents = 50;

export class CosmosTenantStore implements TenantStore {
  constructor(private readonly container: Container) {}

  getPartner(tenantId: string): Promise<PartnerRecord | undefined> {
    return this.read<PartnerRecord>("partner", tenantId).then((found) => found?.resource);
  }

  registerPartner(registration: PartnerRegistration): Promise<PartnerRecord> {
    const { tenantId, displayName, identity, approval } = registration;
    return this.update<PartnerRecord>("partner", tenantId, (current) => ({
      ...current,
      id: "partner",
      kind: "partner",
      tenantId,
      displayName,
      registeredDateTime: current?.registeredDateTime ?? approval.at,
      status: "approved",
      identity,
      standing: [...(current?.standing ?? []), approval].slice(-maxStandingEvents),
      ...(current?.profile ? { profile: { ...current.profile, name: displayName } } : {})
    }));
  }

  updatePartner(
    tenantId: string,
    change: (current: PartnerRecord | undefined) => PartnerRecord
  ): Promise<PartnerRecord> {
    return this.update<PartnerRecord>("partner", tenantId, change);
  }

  async savePartnerProfile(tenantId: string, profile: PartnerProfile): Promise<PartnerRecord> {
    return this.update<PartnerRecord>("partner", tenantId, (current) =>
      current ? { ...current, displayName: profile.name, profile } : undefined
    );
  }

  async listPartners(status: PartnerStatus, top: number, continuation?: string) {
    const query = {
      query: "SELECT * FROM c WHERE c.kind = 'partner' AND c.status = @status ORDER BY c.registeredDateTime ASC",
      parameters: [{ name: "@status", value: status }]
    };
    try {
      const response = await this.container.items
        .query<PartnerRecord & { _etag: string }>(query, { maxItemCount: top, continuationToken: continuation })
        .fetchNext();
      return {
        items: response.resources.map((r) => withoutSystemProperties(r)),
        continuation: response.continuationToken ?? undefined
      };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async searchPartners(filter: PartnerSearch, top: number, continuation?: string) {
    // Suspended partners leave the directory; their existing customers still see them on their own pages.
    const clauses = ["c.kind = 'partner'", "IS_DEFINED(c.profile)", "c.status = 'approved'"];
    const parameters: SqlParameter[] = [];
    if (filter.name) {
      clauses.push("CONTAINS(LOWER(c.profile.name), @name)");
      parameters.push({ name: "@name", value: filter.name.toLowerCase() });
    }
    if (filter.industry) {
      clauses.push("ARRAY_CONTAINS(c.profile.industries, @industry)");
      parameters.push({ name: "@industry", value: filter.industry });
    }
    if (filter.location) {
      clauses.push("ARRAY_CONTAINS(c.profile.locations, @location)");
      parameters.push({ name: "@location", value: filter.location });
    }
    if (filter.partnerType) {
      clauses.push("ARRAY_CONTAINS(c.profile.partnerTypes, @partnerType)");
      parameters.push({ name: "@partnerType", value: filter.partnerType });
    }
    // The directory is the one cross-partition query: browsed by people, not on any hot path.
    const query = { query: `SELECT * FROM c WHERE ${clauses.join(" AND ")} ORDER BY c.profile.name ASC`, parameters };
    try {
      const response = await this.container.items
        .query<PartnerRecord & { _etag: string }>(query, { maxItemCount: top, continuationToken: continuation })
        .fetchNext();
      return {
        items: response.resources.map((r) => withoutSystemProperties(r)),
        continuation: response.continuationToken ?? undefined
      };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  getAgreement(tenantId: string): Promise<CustomerAgreementRecord | undefined> {
    return this.read<CustomerAgreementRecord>("customer-agreement", tenantId).then((found) => found?.resource);
  }

  recordAgreementAcceptance(tenantId: string, acceptance: AgreementAcceptance): Promise<CustomerAgreementRecord> {
    return this.update<CustomerAgreementRecord>("customer-agreement", tenantId, (current) => {
      const record = current ?? { id: "customer-agreement", kind: "customerAgreement", tenantId, acceptances: [] };
      if (record.acceptances.some((a) => a.version === acceptance.version)) return record;
      return { ...record, acceptances: [...record.acceptances, acceptance] };
    });
  }

  async saveContactRequest(request: ContactRequest): Promise<void> {
    await this.container.items.upsert(request).catch((error: unknown) => translateCosmosError(error));
  }

  getContactRequest(partnerTenantId: string, id: string): Promise<ContactRequest | undefined> {
    return this.read<ContactRequest>(id, partnerTenantId).then((found) =>
      found?.resource.kind === "contactRequest" ? found.resource : undefined
    );
  }

  async listUnpublishedContactRequests(createdBefore: string, limit: number): Promise<readonly ContactRequest[]> {
    const query = {
      query:
        "SELECT TOP @limit * FROM c WHERE c.kind = 'contactRequest' AND NOT IS_DEFINED(c.publishedDateTime) AND c.createdDateTime <= @before ORDER BY c.createdDateTime ASC",
      parameters: [
        { name: "@limit", value: limit },
        { name: "@before", value: createdBefore }
      ]
    };
    try {
      const { resources } = await this.container.items.query<ContactRequest & { _etag: string }>(query).fetchAll();
      return resources.map((r) => withoutSystemProperties(r));
    } catch (error) {
      translateCosmosError(error);
    }
  }

  private async read<T>(id: string, tenantId: string): Promise<{ resource: T; etag: string } | undefined> {
    try {
      const { resource } = await this.container.item(id, tenantId).read<T & { _etag: string }>();
      return resource ? { resource: withoutSystemProperties(resource) as T, etag: resource._etag } : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }

  /** Read-modify-write guarded by ETag (create when absent), retried when someone else wrote first. */
  private async update<T extends { id: string }>(
    id: string,
    tenantId: string,
    change: (current: T | undefined) => T | undefined
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read<T>(id, tenantId);
      const next = change(current?.resource);
      if (!next) throw new PreconditionFailedError("Nothing to update.");
      if (current && next === current.resource) return next;
      try {
        if (current)
          await this.container
            .item(id, tenantId)
            .replace(next, { accessCondition: { type: "IfMatch", condition: current.etag } });
        else await this.container.items.create(next);
        return next;
      } catch (error) {
        const status = (error as { code?: number }).code;
        if ((status !== 412 && status !== 409) || attempt >= maxAttempts) translateCosmosError(error);
      }
    }
  }
}
