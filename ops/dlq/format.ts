/** How `npm run dlq` prints dead letters for a person: a table for `list`, every field and the body for `show`. */
import type { DeadLetterDetail, DeadLetterSummary } from "./dead-letters";

const descriptionWidth = 80;

export function formatList(
  queue: string,
  listed: { readonly messages: readonly DeadLetterSummary[]; readonly more: boolean }
): string {
  const count = listed.messages.length;
  const heading = `${queue}: ${listed.more ? "more than " : ""}${count} dead-lettered message${count === 1 && !listed.more ? "" : "s"}\n`;
  if (count === 0) return heading;
  const rows = listed.messages.map((m) => [
    m.sequenceNumber,
    m.enqueuedTime ?? "",
    String(m.deliveryCount ?? ""),
    printable(m.reason ?? ""),
    printable(m.messageId ?? ""),
    shorten(printable(m.description ?? ""))
  ]);
  return (
    heading +
    table([["SEQ", "ENQUEUED (UTC)", "DELIVERIES", "REASON", "MESSAGE ID", "DESCRIPTION"], ...rows]) +
    (listed.more ? "(use --top to see more)\n" : "")
  );
}

export function formatDetail(queue: string, message: DeadLetterDetail): string {
  const fields: [string, string | number | undefined][] = [
    ["queue", queue],
    ["sequence number", message.sequenceNumber],
    ["message id", message.messageId],
    ["enqueued (UTC)", message.enqueuedTime],
    ["deliveries", message.deliveryCount],
    ["reason", message.reason],
    ["description", message.description],
    ["subject", message.subject],
    ["content type", message.contentType],
    ["correlation id", message.correlationId]
  ];
  const lines = fields
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name, value]) => `${name}: ${printable(String(value))}`);
  return `${lines.join("\n")}\napplication properties: ${JSON.stringify(message.applicationProperties)}\nbody:\n${JSON.stringify(message.body, null, 2)}\n`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return (
    rows
      .map((row) =>
        row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ")
      )
      .join("\n") + "\n"
  );
}

/** Long descriptions cut, so each message stays on one line. */
function shorten(text: string): string {
  return text.length > descriptionWidth ? `${text.slice(0, descriptionWidth - 1)}…` : text;
}

/** Whatever a message carries is shown, never obeyed: control characters (newlines, terminal escapes) as \uXXXX. */
function printable(text: string): string {
  return Array.from(text, (char) =>
    char < " " || char === "\u007f" ? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}` : char
  ).join("");
}
