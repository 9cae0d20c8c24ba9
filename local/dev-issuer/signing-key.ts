/**
 * The dev issuer's RS256 signing key, made on first start and kept as a private JWK in
 * `<dataDir>/issuer/signing-key.json` (mode 0600) so that tokens issued before a restart still verify after it.
 * Without a data folder the key lives in memory only. The key id is the key's RFC 7638 thumbprint.
 */
import { randomUUID } from "node:crypto";
import { link, mkdir, open, readFile, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from "jose";
import { z } from "zod";
import { syncFolder } from "../storage/atomic-file";

export const signingKeyPath = (dataDir: string): string => join(dataDir, "issuer", "signing-key.json");

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  /** Only the public members (`kty`, `n`, `e`) plus `kid`, `alg`, `use`: what the key set publishes. */
  readonly publicJwk: JWK;
}

const part = z.string().min(1);
const privateRsaJwkSchema = z.object({
  kty: z.literal("RSA"),
  n: part,
  e: part,
  d: part,
  p: part,
  q: part,
  dp: part,
  dq: part,
  qi: part
});
type PrivateRsaJwk = z.infer<typeof privateRsaJwkSchema>;

export async function loadOrCreateSigningKey(dataDir?: string): Promise<SigningKey> {
  if (dataDir === undefined) return toSigningKey(await generatePrivateJwk());
  const file = signingKeyPath(dataDir);
  const stored = await readStoredKey(file);
  if (stored) return toSigningKey(stored);

  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const created = await generatePrivateJwk();
  const kid = await thumbprintOf(created);
  // Written whole under a temporary name, then linked into place: link() never replaces a file, so two processes
  // starting on one data folder both end up with whichever key landed first.
  const temporary = `${file}.${randomUUID()}.tmp`;
  // Flushed before it is linked, and the folder after: a power loss must not leave an empty key file behind.
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify({ ...created, kid, alg: "RS256", use: "sig" }, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
    syncFolder(dirname(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  const settled = await readStoredKey(file);
  if (!settled) throw new Error(`The dev issuer could not keep its signing key in ${file}.`);
  return toSigningKey(settled);
}

async function readStoredKey(file: string): Promise<PrivateRsaJwk | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = privateRsaJwkSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} does not hold an RSA private key (JWK); delete it to make a new key.`);
  return parsed.data;
}

async function generatePrivateJwk(): Promise<PrivateRsaJwk> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  return privateRsaJwkSchema.parse(await exportJWK(privateKey));
}

async function toSigningKey(jwk: PrivateRsaJwk): Promise<SigningKey> {
  const kid = await thumbprintOf(jwk);
  const privateKey = (await importJWK({ ...jwk, alg: "RS256" }, "RS256")) as KeyLike;
  // Built member by member rather than by deleting private members, so a new private member can never leak.
  return { kid, privateKey, publicJwk: { kty: "RSA", n: jwk.n, e: jwk.e, kid, alg: "RS256", use: "sig" } };
}

function thumbprintOf(jwk: PrivateRsaJwk): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, n: jwk.n, e: jwk.e }, "sha256");
}
