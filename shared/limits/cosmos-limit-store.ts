/**
 * LimitStore on Cosmos DB (container `limits`, partition key `/id`): one document per scope holding its windows,
 * `{ id, windows: { invitations_3600: { start, used }, ... }, ttl }`. The usual check is one request: a patch that
 * increments every window on the condition that each is the current window and under its maximum. A scope with no
 * document yet (the patch answers 404: a new customer address, most invitations) is created at once, counted from
 * nothing, without reading first (two requests). Only when the condition fails (a full window, a new window, a window
 * this scope never had) or another instance created it first (409) is the document read, and then written back with
 * its ETag. So two instances can never both take the last slot. The TTL (twice the longest window) lets Azure delete counts nobody
 * has touched since their windows ended; the local stand-in keeps them (harmless: they are only read by id).
 */
import type { Container, PatchOperation } from "@azure/cosmos";
import { TransientError } from "../errors";
import { statusOf, translateCosmosError } from "../cosmos/cosmos-errors";
import { countInAll, windowKey, windowStartOf, type WindowLimit, type WindowState } from "./fixed-window";
import type { CountedStarts, LimitStore, TakeResult } from "./limit-store";

interface LimitDocument {
  readonly id: string;
  readonly windows: Readonly<Record<string, WindowState>>;
  readonly ttl: number;
}

const maxAttempts = 8;

export class CosmosLimitStore implements LimitStore {
  constructor(private readonly container: Container) {}

  async take<L extends WindowLimit>(key: string, limits: readonly L[], now: Date): Promise<TakeResult<L>> {
    const starts = Object.fromEntries(limits.map((limit) => [windowKey(limit), windowStartOf(now, limit.seconds)]));
    const increments: PatchOperation[] = limits.map((limit) => ({
      op: "incr",
      path: `/windows/${windowKey(limit)}/used`,
      value: 1
    }));
    const roomLeft = limits.map(
      (limit) =>
        `c.windows.${windowKey(limit)}.start = ${starts[windowKey(limit)]} AND c.windows.${windowKey(limit)}.used < ${limit.max}`
    );
    const patched = await this.patch(key, roomLeft, increments);
    if (patched === "applied") return { taken: true, starts };
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      // A 404 on the first try says there is nothing to read: start from no windows (a create that meets a 409 reads next time).
      const current = attempt === 1 && patched === "missing" ? undefined : await this.read(key);
      const decision = countInAll(current?.document.windows ?? {}, limits, now);
      if (!decision.allowed) return { taken: false, retryAt: decision.retryAt, limit: decision.limit };
      const ttl = Math.max(current?.document.ttl ?? 0, 2 * Math.max(...limits.map((limit) => limit.seconds)));
      const document: LimitDocument = { id: key, windows: { ...current?.document.windows, ...decision.next }, ttl };
      if (await this.write(document, current?.etag))
        return {
          taken: true,
          starts: Object.fromEntries(Object.entries(decision.next).map(([name, window]) => [name, window.start]))
        };
    }
    throw new TransientError("The limit counters are busy; try again shortly.");
  }

  async giveBack(key: string, starts: CountedStarts): Promise<void> {
    const names = Object.keys(starts);
    const decrements: PatchOperation[] = names.map((name) => ({
      op: "incr",
      path: `/windows/${name}/used`,
      value: -1
    }));
    const stillCounted = names.map(
      (name) => `c.windows.${name}.start = ${starts[name]} AND c.windows.${name}.used > 0`
    );
    try {
      await this.patch(key, stillCounted, decrements);
    } catch {
      // Best effort: a use not given back costs its caller one slot of a window that ends anyway.
    }
  }

  async peek(key: string): Promise<Readonly<Record<string, WindowState>>> {
    return (await this.read(key))?.document.windows ?? {};
  }

  /**
   * A conditional patch: "unmet" when the condition does not hold, "missing" when there is no document. The condition API takes
   * no parameters, so it is written out here: only window keys (checked to be plain identifiers by windowKey)
   * and integers go into it, never caller input.
   */
  private async patch(
    key: string,
    conditions: readonly string[],
    operations: PatchOperation[]
  ): Promise<"applied" | "unmet" | "missing"> {
    try {
      await this.container.item(key, key).patch({ condition: `FROM c WHERE ${conditions.join(" AND ")}`, operations });
      return "applied";
    } catch (error) {
      const status = statusOf(error);
      if (status === 412) return "unmet";
      if (status === 404) return "missing";
      translateCosmosError(error);
    }
  }

  private async read(key: string): Promise<{ document: LimitDocument; etag: string } | undefined> {
    try {
      const { resource } = await this.container.item(key, key).read<LimitDocument & { _etag: string }>();
      return resource
        ? {
            document: { id: resource.id, windows: resource.windows ?? {}, ttl: resource.ttl ?? 0 },
            etag: resource._etag
          }
        : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      translateCosmosError(error);
    }
  }

  /** Replace (with the ETag read) or create; false when another instance wrote first. */
  private async write(document: LimitDocument, etag: string | undefined): Promise<boolean> {
    try {
      if (etag)
        await this.container
          .item(document.id, document.id)
          .replace(document, { accessCondition: { type: "IfMatch", condition: etag } });
      else await this.container.items.create(document);
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 409 || status === 404) return false;
      translateCosmosError(error);
    }
  }
}
