/**
 * Secrets the local runtime makes for itself: generated once per data folder and kept there (mode 0600), so
 * invitation links sent in one run still work after a restart. On Azure the same settings come from app
 * settings (Key Vault references), never from the repository. A new secret is written whole and flushed before
 * it is used (a power loss must not leave an empty file behind links already sent); a damaged one stops the start.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync
} from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { syncFolder } from "./storage/atomic-file";
import { StoreStartError, unwritableAtStart } from "./storage/storage-errors";

export function localSecret(dataDir: string, name: string, bytes = 32): string {
  const file = join(dataDir, "secrets", name);
  if (!existsSync(file)) create(file, randomBytes(bytes).toString("base64"));
  const value = readFileSync(file, "utf8").trim();
  if (Buffer.from(value, "base64").length < bytes) {
    throw new StoreStartError(
      `${file} is damaged (it should hold ${bytes} random bytes in base64). Invitation links already sent were made from it: ` +
        "restore it from a copy, or delete it to make a new one (those links then stop working).",
      file
    );
  }
  return value;
}

/** Written under a temporary name, flushed, then linked into place: link() never replaces a secret another process made first. */
function create(file: string, value: string): void {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(temporary, "wx", 0o600);
    try {
      const bytes = Buffer.from(value, "utf8");
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    syncFolder(dirname(file));
  } catch (error) {
    throw unwritableAtStart(dirname(file), error);
  } finally {
    rmSync(temporary, { force: true });
  }
}
