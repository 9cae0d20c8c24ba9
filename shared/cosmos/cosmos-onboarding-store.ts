/**
 * OnboardingStore on Cosmos DB, in the `tenants` container: a tenant's application is a point read in its own
 * partition; a name claim is a point create in the claim's own partition, and Cosmos DB's 409 on a duplicate id is
 * what makes a name unique across partners. Only the operator's list of applications is a query.
 */
import type { Container } from "@azure/cosmos";
import type {
  ApplicationStatus,
  NameClaim,
  OnboardingStore,
  PartnerApplication,
  Versioned
} from "../tenants/partner-onboarding";
import { claimPartitionFor } from "../tenants/partner-onboarding";
import { TransientError } from "../errors";
import { isNotFound, statusOf, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

type Stored<T> = T & { _etag: string };

const applicationId = "partner-application";
const claimId = "name-claim";

export class CosmosOnboardingStore implements OnboardingStore {
  constructor(private readonly container: Container) {}

  getApplication(tenantId: string): Promise<Versioned<PartnerApplication> | undefined> {
    return this.read<PartnerApplication>(applicationId, tenantId);
  }

  async createApplication(application: PartnerApplication): Promise<Versioned<PartnerApplication>> {
    try {
      const { resource } = await this.container.items.create(application);
      return { document: application, etag: etagOf(resource) };
    } catch (error) {
      translateCosmosError(
        error,
        "An application for this tenant was submitted at the same moment; read it and try again."
      );
    }
  }

  async replaceApplication(application: PartnerApplication, etag: string): Promise<Versioned<PartnerApplication>> {
    try {
      const { resource } = await this.container
        .item(applicationId, application.tenantId)
        .replace(application, { accessCondition: { type: "IfMatch", condition: etag } });
      return { document: application, etag: etagOf(resource) };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async listApplications(status: ApplicationStatus, top: number, continuation?: string) {
    const query = {
      query:
        "SELECT * FROM c WHERE c.kind = 'partnerApplication' AND c.status = @status ORDER BY c.submittedDateTime ASC",
      parameters: [{ name: "@status", value: status }]
    };
    try {
      // Cross-partition, but only an operator's review queue reads it: never on a partner's or customer's path.
      const response = await this.container.items
        .query<Stored<PartnerApplication>>(query, { maxItemCount: top, continuationToken: continuation })
        .fetchNext();
      const items = response.resources.map((resource) => ({
        document: withoutSystemProperties(resource) as PartnerApplication,
        etag: resource._etag
      }));
      return { items, continuation: response.continuationToken ?? undefined };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  getClaim(skeleton: string): Promise<Versioned<NameClaim> | undefined> {
    return this.read<NameClaim>(claimId, claimPartitionFor(skeleton));
  }

  async createClaim(claim: NameClaim): Promise<{ created: true } | { created: false; existing: Versioned<NameClaim> }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.container.items.create(claim);
        return { created: true };
      } catch (error) {
        if (statusOf(error) !== 409) translateCosmosError(error);
      }
      const existing = await this.read<NameClaim>(claimId, claim.tenantId);
      if (existing) return { created: false, existing };
      // Released between our create and the read: try once more, then report the race.
      if (attempt >= 2)
        throw new TransientError("The name was being claimed and released at the same moment; try again.");
    }
  }

  async replaceClaim(claim: NameClaim, etag: string): Promise<void> {
    try {
      await this.container
        .item(claimId, claim.tenantId)
        .replace(claim, { accessCondition: { type: "IfMatch", condition: etag } });
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async releaseClaim(skeleton: string, ownerTenantId: string): Promise<void> {
    const found = await this.getClaim(skeleton);
    if (!found || found.document.ownerTenantId !== ownerTenantId) return;
    try {
      await this.container
        .item(claimId, found.document.tenantId)
        .delete({ accessCondition: { type: "IfMatch", condition: found.etag } });
    } catch (error) {
      // Gone already, or taken over since we read it: either way it is no longer ours to release.
      if (isNotFound(error) || statusOf(error) === 412) return;
      translateCosmosError(error);
    }
  }

  private async read<T>(id: string, partition: string): Promise<Versioned<T> | undefined> {
    try {
      const { resource } = await this.container.item(id, partition).read<Stored<T>>();
      return resource ? { document: withoutSystemProperties(resource) as T, etag: resource._etag } : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }
}

function etagOf(resource: { _etag?: string } | undefined): string {
  return resource?._etag ?? "";
}
