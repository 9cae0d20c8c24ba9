/** Cosmos DB status codes that the product treats as outcomes rather than failures. */
import { ConflictError, PreconditionFailedError, TransientError } from "../errors";

export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/** Re-throws storage errors as the product's named errors where one applies. */
export function translateCosmosError(error: unknown, conflictMessage = "That resource already exists."): never {
  const status = statusOf(error);
  if (status === 409) throw new ConflictError(conflictMessage);
  if (status === 412)
    throw new PreconditionFailedError("The resource changed since you read it; read it again and retry.");
  if (status === 429 || status === 503 || status === 408)
    throw new TransientError("Cosmos DB is busy; try again shortly.");
  throw error;
}

/** Removes Cosmos DB's system properties so stored documents compare and serialise cleanly. */
export function withoutSystemProperties<T>(
  resource: T & { _rid?: unknown; _self?: unknown; _ts?: unknown; _etag?: unknown; _attachments?: unknown }
): T {
  const { _rid, _self, _ts, _etag, _attachments, ...rest } = resource;
  return rest as T;
}
