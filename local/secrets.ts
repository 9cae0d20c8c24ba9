/**
 * Secrets the local runtime makes for itself: generated once per data folder and kept there (mode 0600), so
 * invitation links sent in one run still work after a restart. On Azure the same settings come from app
 * settings (Key Vault references), never from the repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";

export function localSecret(dataDir: string, name: string, bytes = 32): string {
  const file = join(dataDir, "secrets", name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = randomBytes(bytes).toString("base64");
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}
