/** Pages by position, the continuation being the next index: enough for callers that follow continuations. */
import type { Page } from "../../../shared/relationships/ports";

export function pageOf<T>(items: readonly T[], top: number, continuation?: string): Page<T> {
  const start = continuation ? Number(continuation) : 0;
  const end = start + top;
  return { items: items.slice(start, end), ...(end < items.length ? { continuation: String(end) } : {}) };
}
