/**
 * The few internals of `@vercel/cosmosdb-server` 1.0.1 (pinned) that persistence needs. The server keeps its
 * data in an in-process `Account` object made of `Items` maps (databases → collections → documents) and
 * offers no persistence of its own, so we watch those maps. Everything version-specific lives in this file.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface ItemsInternals {
  _parent: { read(): { _rid: string; _self: string } | undefined };
  _data: Map<string, ItemInternals>;
  _ridCount: number;
  _set(data: ResourceBody): ResourceBody;
  _item(keyPath: string, idOrRid: string, partition: unknown): ItemInternals | { read(): undefined };
  /** The three ways the server changes a container: `upsert` and patch go through `replace` or `create`. */
  create(data: Record<string, unknown>): ResourceBody;
  replace(data: Record<string, unknown>, original: ResourceBody): ResourceBody;
  delete(idOrRid: string, partition?: unknown): void;
}

/** One stored resource; databases and collections also hold their children, so rollbacks put the object back. */
export interface ItemInternals {
  read(): ResourceBody;
}

export type ResourceBody = Record<string, unknown> & { id: string; _rid: string; _self: string };

export interface DatabaseInternals {
  read(): ResourceBody;
  collections: ItemsInternals;
  collection(idOrRid: string): CollectionInternals;
}

export interface CollectionInternals {
  read(): ResourceBody | undefined;
  documents: ItemsInternals;
}

export interface AccountInternals {
  databases: ItemsInternals;
  database(idOrRid: string): DatabaseInternals;
}

type ItemsClass = (abstract new (...args: never[]) => ItemsInternals) & { prototype: ItemsInternals };

const library = "@vercel/cosmosdb-server/lib/account";

export const Items = (require(`${library}/items`) as { default: ItemsClass }).default;
export const Databases = (require(`${library}/databases`) as { default: ItemsClass }).default;
export const Collections = (require(`${library}/collections`) as { default: ItemsClass }).default;
export const Documents = (require(`${library}/documents`) as { default: ItemsClass }).default;

type AccountClass = new (host: string, port: number) => AccountInternals;
const accountModule = require(library) as { default: AccountClass };

let lastAccount: AccountInternals | undefined;
let captureInstalled = false;

/**
 * The server builds its Account when it starts listening and keeps it in a closure; a subclass that remembers
 * each instance lets the launcher reach it right after `listen`.
 */
export function captureAccounts(): void {
  if (captureInstalled) return;
  captureInstalled = true;
  const Original = accountModule.default;
  accountModule.default = class CapturedAccount extends Original {
    constructor(host: string, port: number) {
      super(host, port);
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- remembering the instance is the point
      lastAccount = this;
    }
  };
}

export function takeLastAccount(): AccountInternals {
  if (!lastAccount) throw new Error("The Cosmos DB server did not create its account.");
  const account = lastAccount;
  lastAccount = undefined;
  return account;
}

/** What a route handler of the server looks like: it sets `res.statusCode` and returns the body to send. */
export type RouteHandler = (
  account: AccountInternals,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>
) => Promise<unknown> | unknown;

type RouteTable = (req: IncomingMessage) => [Record<string, string>, RouteHandler] | undefined;
const routesModule = require("@vercel/cosmosdb-server/lib/routes") as { default: RouteTable };
let routesWrapped = false;

/**
 * Puts `wrap` around every route handler. The server looks its route table up on every request
 * (`routes_1.default(req)`), so replacing the export is seen at once.
 */
export function wrapRouteHandlers(wrap: (handler: RouteHandler) => RouteHandler): void {
  if (routesWrapped) return;
  routesWrapped = true;
  const original = routesModule.default;
  const wrapped = new Map<RouteHandler, RouteHandler>();
  routesModule.default = (req) => {
    const route = original(req);
    if (route === undefined) return undefined;
    const [params, handler] = route;
    let around = wrapped.get(handler);
    if (around === undefined) {
      around = wrap(handler);
      wrapped.set(handler, around);
    }
    return [params, around];
  };
}
