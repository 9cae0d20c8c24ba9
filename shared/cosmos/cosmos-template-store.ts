/** TemplateStore on Cosmos DB: container `relationship-templates`, partition `/partnerTenantId`, unique `/uniqueName`. */
import type { Container } from "@azure/cosmos";
import { maxTemplatesPerPartner } from "../domain/relationship-templates";
import type { StoredTemplate, TemplateStore, VersionedTemplate } from "../templates/template-records";
import { isNotFound, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";
import { createVersioned, readVersioned, replaceVersioned } from "./versioned-items";

type Resource = StoredTemplate & { _etag: string };

const nameTaken = "You already have a template with this name.";

export class CosmosTemplateStore implements TemplateStore {
  constructor(private readonly container: Container) {}

  create(document: StoredTemplate): Promise<VersionedTemplate> {
    return createVersioned(this.container, document, nameTaken);
  }

  get(partnerTenantId: string, id: string): Promise<VersionedTemplate | undefined> {
    return readVersioned(this.container, id, partnerTenantId);
  }

  replace(document: StoredTemplate, etag: string): Promise<VersionedTemplate> {
    return replaceVersioned(this.container, document, document.partnerTenantId, etag, nameTaken);
  }

  async remove(partnerTenantId: string, id: string, etag: string): Promise<void> {
    try {
      await this.container.item(id, partnerTenantId).delete({ accessCondition: { type: "IfMatch", condition: etag } });
    } catch (error) {
      if (isNotFound(error)) return;
      translateCosmosError(error);
    }
  }

  async list(partnerTenantId: string): Promise<readonly StoredTemplate[]> {
    // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
    const query = {
      query: "SELECT * FROM c WHERE c.partnerTenantId = @partner ORDER BY c.uniqueName ASC",
      parameters: [{ name: "@partner", value: partnerTenantId }]
    };
    try {
      const { resources } = await this.container.items
        .query<Resource>(query, { partitionKey: partnerTenantId, maxItemCount: maxTemplatesPerPartner })
        .fetchAll();
      return resources.map((resource) => withoutSystemProperties(resource));
    } catch (error) {
      translateCosmosError(error);
    }
  }
}
