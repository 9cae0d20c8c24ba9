/** Entry point of `npm run dlq`; see dlq-command.ts for the commands and settings. */
import { resolve } from "node:path";
import { runDlqCommand, UsageError } from "./dlq-command";

const appRoot = resolve(__dirname, "..", "..", "..");

runDlqCommand(
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  process.env,
  appRoot
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dlq: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
);
