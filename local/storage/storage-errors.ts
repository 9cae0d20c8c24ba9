/**
 * Why a store could not write or start, in words a developer can act on. A failed write is a `StorageError`
 * (the store refuses the operation and carries on); a reason not to start at all is a `StoreStartError`, which
 * `npm start` prints as it is, without a stack trace, because it is an expected situation and not a bug.
 */

const reasons: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is larger than this system allows",
  EIO: "the device reported an I/O error",
  EROFS: "the file system is read-only",
  EACCES: "permission was denied",
  EPERM: "permission was denied",
  EISDIR: "a folder is in the way"
};

export class StorageError extends Error {
  constructor(
    /** The errno code (ENOSPC, EIO...), or "EUNKNOWN". */
    readonly code: string,
    readonly file: string
  ) {
    super(`could not write ${file}: ${describeCode(code)} (${code})`);
    this.name = "StorageError";
  }

  get diskFull(): boolean {
    return this.code === "ENOSPC" || this.code === "EDQUOT";
  }
}

export class StoreStartError extends Error {
  constructor(
    message: string,
    /** Set when a file holding data is damaged: the runtime then explains how to start with a new data folder. */
    readonly damagedFile?: string
  ) {
    super(message);
    this.name = "StoreStartError";
  }
}

export function describeCode(code: string): string {
  return reasons[code] ?? "the operating system refused the write";
}

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : "EUNKNOWN";
}

export function toStorageError(error: unknown, file: string): StorageError {
  return error instanceof StorageError ? error : new StorageError(errorCode(error), file);
}

/** The one line a store gives when it cannot even start because its folder cannot be written. */
export function unwritableAtStart(dir: string, error: unknown): StoreStartError {
  const code = errorCode(error);
  return new StoreStartError(
    `Cannot start: ${dir} cannot be written, ${describeCode(code)} (${code}). Free some space (or fix the folder) and start again.`
  );
}
