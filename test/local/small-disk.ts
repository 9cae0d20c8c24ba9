/**
 * A data folder on a disk that tests can fill and free: a real 3 MB tmpfs when this process may mount one (root,
 * as in CI), otherwise a folder whose stores write through an injected file boundary that runs out of space the
 * same way (a short write, then ENOSPC). Either way the stores meet a full disk; nothing is skipped.
 */
import { execFileSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  fstatSync,
  fdatasync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FileIo } from "../../local/storage/file-io";

export interface SmallDisk {
  readonly kind: "tmpfs" | "injected";
  /** A folder on the small disk. */
  readonly dir: string;
  /** What the stores must write through: undefined on a real tmpfs (plain node:fs). */
  readonly io: FileIo | undefined;
  /** Takes all free space but `leaveBytes`. */
  fill(leaveBytes?: number): void;
  /** Gives the space back. */
  free(): void;
  /** A copy of what is on the disk right now, in a folder of its own: what a crash at this moment would leave. */
  crashCopy(): string;
  /** Unmounts and removes everything; safe to call twice and after a failure. */
  dispose(): void;
}

const ballastName = "ballast.bin";

/** `SMALL_DISK=injected` forces the fallback, to check it on a machine that could mount. */
export function smallDisk(): SmallDisk {
  if (process.env.SMALL_DISK === "injected") return injectedDisk();
  return tryTmpfs() ?? injectedDisk();
}

function tryTmpfs(): SmallDisk | undefined {
  const dir = mkdtempSync(join(tmpdir(), "small-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", dir], { stdio: "ignore" });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const data = join(dir, "data");
  const copies: string[] = [];
  let disposed = false;
  return {
    kind: "tmpfs",
    dir: data,
    io: undefined,
    fill(leaveBytes = 0) {
      const ballast = join(dir, ballastName);
      const fd = openSync(ballast, "a");
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      try {
        for (;;) {
          try {
            writeSync(fd, chunk);
          } catch {
            break;
          }
        }
        // Smaller writes take the last partial chunk, so "full" really means full.
        for (;;) {
          try {
            writeSync(fd, chunk, 0, 512);
          } catch {
            break;
          }
        }
        const size = fstatSync(fd).size;
        ftruncateSync(fd, Math.max(0, size - leaveBytes));
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(join(dir, ballastName), { force: true });
    },
    crashCopy: () => copyOf(data, copies),
    dispose() {
      if (disposed) return;
      disposed = true;
      removeAll(copies);
      try {
        execFileSync("umount", [dir], { stdio: "ignore" });
      } catch {
        // Still busy (a store that failed to stop holds a file open): detach it now, the kernel frees it later.
        execFileSync("umount", ["-l", dir], { stdio: "ignore" });
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** No mount allowed: the stores write through this boundary, which hands out a byte budget like a small disk. */
function injectedDisk(): SmallDisk {
  const root = mkdtempSync(join(tmpdir(), "small-disk-injected-"));
  const dir = join(root, "data");
  const copies: string[] = [];
  let remaining = Number.POSITIVE_INFINITY;
  const io: FileIo = {
    write(fd, buffer, offset, length) {
      if (remaining <= 0)
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
          code: "ENOSPC",
          errno: -28,
          syscall: "write"
        });
      const allowed = Math.min(length, remaining);
      const written = writeSync(fd, buffer, offset, allowed);
      remaining -= written;
      return written;
    },
    datasync: (fd, done) => fdatasync(fd, done),
    truncate(fd, length) {
      const before = fstatSync(fd).size;
      ftruncateSync(fd, length);
      if (before > length) remaining += before - length;
    }
  };
  return {
    kind: "injected",
    dir,
    io,
    fill(leaveBytes = 0) {
      remaining = leaveBytes;
    },
    free() {
      remaining = Number.POSITIVE_INFINITY;
    },
    crashCopy: () => copyOf(dir, copies),
    dispose() {
      removeAll(copies);
      rmSync(root, { recursive: true, force: true });
    }
  };
}

function copyOf(dir: string, copies: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), "crash-copy-"));
  copies.push(folder);
  const copy = join(folder, "data");
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function removeAll(folders: string[]): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}
