/**
 * Accepted emails, in memory and optionally appended to `<dataDir>/mailbox.jsonl`. An email is acknowledged only
 * once its line is written whole and flushed to the device; one that cannot be saved (a full disk) is forgotten
 * again and refused. Damaged lines are logged with file and line number and skipped.
 */
import { existsSync, mkdirSync, readFileSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { AppendLog } from "../storage/append-log";
import { nodeFileIo, type FileIo } from "../storage/file-io";
import { readRecordLines } from "../storage/record-lines";
import { describeCode, errorCode, StoreStartError, unwritableAtStart } from "../storage/storage-errors";
import { mailMessageSchema, type MailMessage } from "./mail-message";

/** What the rest of the local runtime (pages, tests) may do with the mailbox. */
export interface Mailbox {
  /** Every message, newest first. */
  list(): MailMessage[];
  get(id: string): MailMessage | undefined;
  /** Forgets every message, on disk too. */
  clear(): void;
}

export const mailboxFileName = "mailbox.jsonl";

export class MailboxStore implements Mailbox {
  /** Oldest first, the order of the file, so a restore needs no sorting. */
  private messages: MailMessage[] = [];
  /** Sends and status polls look messages up by id and operation id: a map each, not a scan of the mailbox. */
  private readonly byId = new Map<string, MailMessage>();
  private readonly byOperationId = new Map<string, MailMessage>();

  private constructor(private readonly file: AppendLog | undefined) {}

  /** Opens the mailbox, restoring what `dataDir` holds; without `dataDir` it lives in memory only. */
  static open(dataDir: string | undefined, log: (line: string) => void, io: FileIo = nodeFileIo): MailboxStore {
    if (dataDir === undefined) return new MailboxStore(undefined);
    const path = join(dataDir, mailboxFileName);
    const restored = readMailbox(path, log);
    try {
      mkdirSync(dataDir, { recursive: true });
      // A last line cut short by a crash was never acknowledged: cut it off so the next line starts clean.
      if (restored.cleanLength !== undefined) truncateSync(path, restored.cleanLength);
    } catch (error) {
      throw unwritableAtStart(dataDir, error);
    }
    const store = new MailboxStore(new AppendLog(path, io));
    for (const message of restored.messages) store.remember(Object.freeze(message));
    return store;
  }

  list(): MailMessage[] {
    return [...this.messages].reverse();
  }

  get(id: string): MailMessage | undefined {
    return this.byId.get(id);
  }

  findByOperationId(operationId: string): MailMessage | undefined {
    return this.byOperationId.get(operationId);
  }

  /**
   * Keeps the message and writes its line; throws a StorageError (having kept nothing) when it cannot. The answer
   * to the sender waits for `durable()`; should that flush fail, the message is forgotten again.
   */
  add(message: MailMessage): void {
    const frozen = Object.freeze({ ...message });
    this.remember(frozen);
    if (this.file === undefined) return;
    try {
      this.file.append(`${JSON.stringify(frozen)}\n`, () => this.forget(frozen));
    } catch (error) {
      this.forget(frozen);
      throw error;
    }
  }

  /** Resolves once every message kept so far is on the device. */
  durable(): Promise<void> {
    return this.file?.durable() ?? Promise.resolve();
  }

  /** Waits for writes still on their way to the device, then lets go of the file. */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    this.file?.close();
  }

  clear(): void {
    this.messages = [];
    this.byId.clear();
    this.byOperationId.clear();
    this.file?.reset();
  }

  private remember(message: MailMessage): void {
    this.messages.push(message);
    // The first message with an id or operation id wins, as the scans it replaces found the first.
    if (!this.byId.has(message.id)) this.byId.set(message.id, message);
    if (message.operationId !== undefined && !this.byOperationId.has(message.operationId))
      this.byOperationId.set(message.operationId, message);
  }

  private forget(message: MailMessage): void {
    this.messages = this.messages.filter((kept) => kept !== message);
    if (this.byId.get(message.id) === message) this.byId.delete(message.id);
    if (message.operationId !== undefined && this.byOperationId.get(message.operationId) === message)
      this.byOperationId.delete(message.operationId);
  }
}

/** The messages in the file, and the length to cut it back to when its last line was cut short. */
function readMailbox(path: string, log: (line: string) => void): { messages: MailMessage[]; cleanLength?: number } {
  if (!existsSync(path)) return { messages: [] };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = errorCode(error);
    throw new StoreStartError(
      `${path} cannot be read: ${describeCode(code)} (${code}). Nothing was loaded and nothing was changed.`,
      path
    );
  }
  const parse = (value: unknown) => {
    const parsed = mailMessageSchema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  const { records } = readRecordLines(text, path, parse, (line) => log(`email: ${line}`));
  const torn = text.length > 0 && !text.endsWith("\n");
  return torn
    ? { messages: records, cleanLength: Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1), "utf8") }
    : { messages: records };
}
