/** The file boundary every store writes through; tests hand in their own to make a disk fail on purpose. */
import { fdatasync, ftruncateSync, writeSync } from "node:fs";

export interface FileIo {
  /** Writes up to `length` bytes; may write fewer (a short write) or throw (ENOSPC, EIO). */
  write(fd: number, buffer: Buffer, offset: number, length: number): number;
  /** Flushes the file's data to the device. */
  datasync(fd: number, done: (error: NodeJS.ErrnoException | null) => void): void;
  truncate(fd: number, length: number): void;
}

export const nodeFileIo: FileIo = {
  write: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  datasync: (fd, done) => fdatasync(fd, done),
  truncate: (fd, length) => ftruncateSync(fd, length)
};
