/**
 * The pages' two static files (one stylesheet, one script), read from shared/pages/assets/ beside the sources:
 * from the compiled code that is ../../../shared/pages/assets (dist/shared/pages → repo), from the sources (tests)
 * ./assets. Each is served under a URL carrying a hash of its content, so it can be cached for a year and a new
 * deployment is fetched at once.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const assetFiles = {
  "app.css": "text/css; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8"
} as const;

export type AssetName = keyof typeof assetFiles;

export interface Asset {
  readonly name: AssetName;
  readonly contentType: string;
  readonly body: Buffer;
  /** First 16 hex digits of the SHA-256 of `body`. */
  readonly version: string;
}

const candidates = [join(__dirname, "assets"), resolve(__dirname, "..", "..", "..", "shared", "pages", "assets")];
const loaded = new Map<AssetName, Asset>();

export function assetsDirectory(): string {
  const found = candidates.find((directory) => existsSync(join(directory, "app.css")));
  if (!found) throw new Error(`The page assets were not found in ${candidates.join(" or ")}`);
  return found;
}

export function isAssetName(name: string): name is AssetName {
  return Object.hasOwn(assetFiles, name);
}

export function loadAsset(name: AssetName): Asset {
  const cached = loaded.get(name);
  if (cached) return cached;
  const body = readFileSync(join(assetsDirectory(), name));
  const asset: Asset = {
    name,
    contentType: assetFiles[name],
    body,
    version: createHash("sha256").update(body).digest("hex").slice(0, 16)
  };
  loaded.set(name, asset);
  return asset;
}

export function assetUrl(name: AssetName): string {
  return `/static/${name}?v=${loadAsset(name).version}`;
}
