/**
 * The point operations of stores whose writes are guarded by the storage ETag (relationships, templates, batches):
 * each answers the document without Cosmos DB's system properties, beside its ETag, and maps errors once.
 */
import type { Container, ItemDefinition } from "@azure/cosmos";
import { isNotFound, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

export interface VersionedItem<T> {
  readonly document: T;
  /** Unquoted storage ETag. */
  readonly etag: string;
}

/** A document as Cosmos DB answers it, with its system properties. */
export type Resource<T> = T & { _etag: string };

/** The document without system properties, beside its ETag (also for each item of a query page). */
export function versioned<T>(resource: Resource<T>): VersionedItem<T> {
  return { document: withoutSystemProperties(resource), etag: resource._etag };
}

/** Creates the document; a taken id (or unique key) is a ConflictError with `conflictMessage`. */
export async function createVersioned<T extends ItemDefinition>(
  container: Container,
  document: T,
  conflictMessage?: string
): Promise<VersionedItem<T>> {
  try {
    const { resource } = await container.items.create<T>(document);
    return versioned(resource as Resource<T>);
  } catch (error) {
    translateCosmosError(error, conflictMessage);
  }
}

/** A point read; undefined when there is no such document. */
export async function readVersioned<T>(
  container: Container,
  id: string,
  partitionKey: string
): Promise<VersionedItem<T> | undefined> {
  try {
    const { resource } = await container.item(id, partitionKey).read<Resource<T>>();
    return resource ? versioned(resource) : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    translateCosmosError(error);
  }
}

/** Replaces the document only while it still has `etag` (412 otherwise); a unique key taken is a ConflictError. */
export async function replaceVersioned<T extends ItemDefinition & { id: string }>(
  container: Container,
  document: T,
  partitionKey: string,
  etag: string,
  conflictMessage?: string
): Promise<VersionedItem<T>> {
  try {
    const { resource } = await container
      .item(document.id, partitionKey)
      .replace<T>(document, { accessCondition: { type: "IfMatch", condition: etag } });
    return versioned(resource as Resource<T>);
  } catch (error) {
    translateCosmosError(error, conflictMessage);
  }
}
