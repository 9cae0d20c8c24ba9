// `npm run build:infra`: compiles infra/main.bicep (and through it every module) to ARM JSON in dist/infra/main.json
// with the real Bicep compiler, then runs its linter. Any error or warning from either fails the script: the
// compiler and the linter themselves exit 0 on warnings, so their diagnostics are read and counted here.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { findBicep } from "./bicep-tool.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const mainFile = join(root, "infra", "main.bicep");
const armOutput = join(root, "dist", "infra", "main.json");

/** `file(line,col) : Warning rule-or-code: message`, the CLI's default diagnostic format. */
const diagnosticLine = /^(.+)\((\d+),(\d+)\) : (Error|Warning|Info) ([^:]+): (.*)$/;

function run(step, [command, args]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw new Error(`${step}: ${command} could not run: ${result.error.message}`);
  const output = `${result.stdout}${result.stderr}`;
  const diagnostics = output
    .split(/\r?\n/)
    .map((line) => diagnosticLine.exec(line.trim()))
    .filter(Boolean);
  return { status: result.status, output, diagnostics };
}

try {
  const bicep = findBicep(root);
  process.stdout.write(`Bicep CLI ${bicep.version} (${bicep.source})\n`);
  mkdirSync(dirname(armOutput), { recursive: true });
  const seen = new Set();
  let failed = false;
  for (const [step, command] of [
    ["build", bicep.build(mainFile, armOutput)],
    ["lint", bicep.lint(mainFile)]
  ]) {
    const { status, output, diagnostics } = run(step, command);
    for (const [, file, line, column, level, code, message] of diagnostics) {
      const key = `${file}:${line}:${column}:${code}:${message}`;
      if (level === "Info" || seen.has(key)) continue;
      seen.add(key);
      process.stderr.write(`${relative(root, file)}(${line},${column}) ${level} ${code}: ${message}\n`);
    }
    if (status !== 0 && diagnostics.length === 0) process.stderr.write(output);
    const counted = diagnostics.filter(([, , , , level]) => level !== "Info");
    process.stdout.write(
      `bicep ${step}: exit ${status}, ${counted.filter((d) => d[4] === "Error").length} errors, ${counted.filter((d) => d[4] === "Warning").length} warnings\n`
    );
    if (status !== 0 || counted.length > 0) failed = true;
  }
  if (failed) {
    process.stderr.write("build:infra failed: the templates must compile and lint with no errors and no warnings.\n");
    process.exit(1);
  }
  process.stdout.write(`ARM JSON: ${relative(root, armOutput)}\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
