/**
 * Replaces a whole file so that a crash or a power loss leaves either the old file or the new one, never a torn
 * or empty one: written under a temporary name (short writes continued), flushed to the device, renamed over the
 * old one, and the folder flushed so the rename itself survives. On failure the temporary file is removed and the
 * old file is untouched.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { nodeFileIo, type FileIo } from "./file-io";
import { toStorageError } from "./storage-errors";

export function replaceFileAtomically(
  file: string,
  chunks: Iterable<string>,
  io: FileIo = nodeFileIo,
  mode = 0o644
): void {
  const temporary = `${file}.tmp`;
  try {
    const fd = openSync(temporary, "w", mode);
    try {
      let pending = "";
      for (const chunk of chunks) {
        pending += chunk;
        if (pending.length < 64 * 1024) continue;
        writeWhole(fd, Buffer.from(pending, "utf8"), io);
        pending = "";
      }
      if (pending !== "") writeWhole(fd, Buffer.from(pending, "utf8"), io);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw toStorageError(error, file);
  }
  syncFolder(dirname(file));
}

/** Makes a rename or a newly created file in `dir` survive a power loss. */
export function syncFolder(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeWhole(fd: number, bytes: Buffer, io: FileIo): void {
  let offset = 0;
  while (offset < bytes.length) {
    const count = io.write(fd, bytes, offset, bytes.length - offset);
    if (count <= 0) throw Object.assign(new Error("the device took no bytes"), { code: "EIO" });
    offset += count;
  }
}
