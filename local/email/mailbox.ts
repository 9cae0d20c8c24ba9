/** Accepted emails, in memory and optionally appended to `<dataDir>/mailbox.jsonl`. */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
  private readonly messages: MailMessage[] = [];
  /** Sends and status polls look messages up by id and operation id: a map each, not a scan of the mailbox. */
  private readonly byId = new Map<string, MailMessage>();
  private readonly byOperationId = new Map<string, MailMessage>();

  private constructor(private readonly file: string | undefined) {}

  /** Opens the mailbox, restoring what `dataDir` holds; without `dataDir` it lives in memory only. */
  static open(dataDir: string | undefined, log: (line: string) => void): MailboxStore {
    if (dataDir === undefined) return new MailboxStore(undefined);
    mkdirSync(dataDir, { recursive: true });
    const store = new MailboxStore(join(dataDir, mailboxFileName));
    store.restore(log);
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

  /** Writes the message before acknowledging it: a synchronous append survives the process being killed. */
  add(message: MailMessage): void {
    const frozen = Object.freeze({ ...message });
    if (this.file !== undefined) appendFileSync(this.file, `${JSON.stringify(frozen)}\n`);
    this.remember(frozen);
  }

  clear(): void {
    this.messages.length = 0;
    this.byId.clear();
    this.byOperationId.clear();
    if (this.file !== undefined) writeFileSync(this.file, "");
  }

  private restore(log: (line: string) => void): void {
    if (this.file === undefined) return;
    let content: string;
    try {
      content = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    // A kill in the middle of an append leaves a line without its newline; end it so the next append
    // starts a fresh line instead of corrupting that one further.
    if (content.length > 0 && !content.endsWith("\n")) appendFileSync(this.file, "\n");
    const lines = content.split("\n").filter((line) => line.trim() !== "");
    for (const [index, line] of lines.entries()) {
      const parsed = mailMessageSchema.safeParse(parseJson(line));
      if (parsed.success) this.remember(Object.freeze(parsed.data));
      else log(`email: skipped unreadable line ${index + 1} of ${this.file}`);
    }
  }

  private remember(message: MailMessage): void {
    this.messages.push(message);
    // The first message with an id or operation id wins, as the scans it replaces found the first.
    if (!this.byId.has(message.id)) this.byId.set(message.id, message);
    if (message.operationId !== undefined && !this.byOperationId.has(message.operationId)) this.byOperationId.set(message.operationId, message);
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
