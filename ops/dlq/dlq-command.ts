/**
 * `npm run dlq -- <command> <queue> ...`: an operator's look at, and hand on, the product queues' dead letters.
 *
 *   list   <queue> [--top N] [--json]     count, and a line per message (never its body)
 *   show   <queue> <seq> [--json]         one message in full; bodies carry ids only
 *   replay <queue> <seq>... | --all       a copy back onto the queue, then the dead letter completed
 *   purge  <queue> <seq>... | --all       the dead letters completed, nothing sent
 *
 * It reads the app's own settings, the environment first and then `local.settings.json`: `ServiceBus` (the local
 * emulator's connection string) or `ServiceBus__fullyQualifiedNamespace` (Azure, with DefaultAzureCredential, so
 * `az login` with the Azure Service Bus Data Receiver and Sender roles). With neither, the local emulator on its
 * default port. Exit codes: 0 done, 1 something was not found or failed, 2 a usage mistake.
 */
import { parseArgs } from "node:util";
import { DefaultAzureCredential } from "@azure/identity";
import { readLocalSettings } from "../../local/host/app-settings";
import { ConfigError, parseServiceBusConnection, type ServiceConnection } from "../../shared/config";
import { createServiceBusClient } from "../../shared/messaging/service-bus-client";
import { queues } from "../../shared/messaging/queues";
import {
  deadLetterPath,
  listDeadLetters,
  purgeDeadLetters,
  replayDeadLetters,
  showDeadLetter,
  type Selection
} from "./dead-letters";
import { formatDetail, formatList } from "./format";

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const usage = "Usage: npm run dlq -- list|show|replay|purge <queue> [<sequence number>... | --all] [--top N] [--json]";
const localEmulator =
  "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=local;SharedAccessKey=local;UseDevelopmentEmulator=true";

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {}

export async function runDlqCommand(
  argv: readonly string[],
  out: Output,
  env: NodeJS.ProcessEnv,
  appRoot: string
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    out.stderr(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const { command, queue, seqs, all, top, json } = parsed;
  const client = createServiceBusClient(connectionFrom(env, appRoot, out), () => new DefaultAzureCredential());
  try {
    if (command === "list") {
      const listed = await listDeadLetters(client, queue, top);
      out.stdout(
        json
          ? `${JSON.stringify({ queue, count: listed.messages.length, more: listed.more, messages: listed.messages })}\n`
          : formatList(queue, listed)
      );
      return 0;
    }
    if (command === "show") {
      const found = await showDeadLetter(client, queue, seqs[0] as string);
      if (!found) return notFound(out, queue, seqs);
      out.stdout(json ? `${JSON.stringify(found, null, 2)}\n` : formatDetail(queue, found));
      return 0;
    }
    const selection: Selection = all ? { all: true } : { sequenceNumbers: seqs };
    const outcome =
      command === "replay"
        ? await replayDeadLetters(client, queue, selection)
        : await purgeDeadLetters(client, queue, selection);
    out.stdout(
      `${command === "replay" ? "replayed" : "purged"} ${outcome.done.length} message(s) from ${queue}${outcome.done.length > 0 ? `: ${outcome.done.join(" ")}` : ""}\n`
    );
    return outcome.missing.length > 0 ? notFound(out, queue, outcome.missing) : 0;
  } finally {
    await client.close();
  }
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      all: { type: "boolean", default: false },
      top: { type: "string", default: "100" },
      json: { type: "boolean", default: false }
    },
    allowPositionals: true,
    strict: true
  });
  const [command, queue, ...seqs] = positionals;
  if (command !== "list" && command !== "show" && command !== "replay" && command !== "purge")
    throw new UsageError(`Unknown command '${command ?? ""}'.`);
  const names = queues.map((declared) => declared.name);
  if (!queue || !names.includes(queue))
    throw new UsageError(`Unknown queue '${queue ?? ""}': the queues are ${names.join(", ")}.`);
  const bad = seqs.find((seq) => !/^\d{1,19}$/.test(seq));
  if (bad !== undefined) throw new UsageError(`'${bad}' is not a sequence number.`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 10_000)
    throw new UsageError("--top must be a whole number from 1 to 10000.");
  if (command === "show" && seqs.length !== 1) throw new UsageError("show needs exactly one sequence number.");
  if ((command === "replay" || command === "purge") && (seqs.length === 0) === !values.all) {
    throw new UsageError(
      `${command} needs sequence numbers or --all (not both), so that nothing is ${command === "purge" ? "deleted" : "sent"} by accident.`
    );
  }
  return { command, queue, seqs, all: values.all, top, json: values.json } as const;
}

function connectionFrom(env: NodeJS.ProcessEnv, appRoot: string, out: Output): ServiceConnection {
  const settings = { ...readLocalSettings(appRoot), ...definedOnly(env) };
  if (!settings.ServiceBus && !settings.ServiceBus__fullyQualifiedNamespace) {
    out.stderr(
      "No ServiceBus setting in the environment or local.settings.json: using the local emulator on 127.0.0.1:5672.\n"
    );
    settings.ServiceBus = localEmulator;
  }
  try {
    return parseServiceBusConnection(settings);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
  );
}

function notFound(out: Output, queue: string, seqs: readonly string[]): number {
  out.stderr(`not found in ${deadLetterPath(queue)}: ${seqs.join(" ")}\n`);
  return 1;
}
