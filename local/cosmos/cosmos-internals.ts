/**
 * The few internals of `@vercel/cosmosdb-server` 1.0.1 (pinned) that persistence needs. The server keeps its
 * data in an in-process `Account` object made of `Items` maps (databases → collections → documents) and
 * offers no persistence of its own, so we watch those maps. Everything version-specific lives in this file.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export interface ItemsInternals {
  _parent: { read(): { _rid: string; _self: string } | undefined };
  _data: Map<string, { read(): ResourceBody }>;
  _ridCount: number;
  _set(data: ResourceBody): ResourceBody;
  delete(idOrRid: string, partition?: unknown): void;
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
