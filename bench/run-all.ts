/**
 * `npm run bench`: runs every `bench:*` script of package.json one after another (built once, first), shows each
 * one's own output as it comes, gathers the figure lines they print (`bench/figures.ts`), and ends with one table:
 * benchmark, figure, product, floor, ratio, goal, met. A benchmark that fails is reported and the others still
 * run. `BENCH_ONLY=host,servicebus` runs a subset. Scripts are read from package.json so a benchmark added later
 * is run without touching this file.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseFigure, type BenchFigure } from "./figures";

const root = join(__dirname, "..", "..");
/** The issue's order first; any other `bench:*` script after these, in package.json order. */
const preferredOrder = ["host", "servicebus", "access", "grants", "invitations", "cost", "expiry", "cosmos", "bulk"];

interface Outcome {
  readonly bench: string;
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly figures: BenchFigure[];
}

/** `bench:x` → the command after its build step ("node dist/bench/x.js"). */
function benchCommands(): Map<string, string> {
  const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  const found = new Map<string, string>();
  for (const [name, command] of Object.entries(scripts)) {
    if (!name.startsWith("bench:")) continue;
    found.set(name.slice("bench:".length), command.replace(/^npm run -s build && /, ""));
  }
  const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
  const ordered = [
    ...preferredOrder.filter((name) => found.has(name)),
    ...[...found.keys()].filter((name) => !preferredOrder.includes(name))
  ];
  return new Map(
    ordered.filter((name) => only === undefined || only.includes(name)).map((name) => [name, found.get(name) as string])
  );
}

function run(bench: string, command: string): Promise<Outcome> {
  const started = performance.now();
  const figures: BenchFigure[] = [];
  const child = spawn(command, { cwd: root, shell: true, stdio: ["ignore", "pipe", "inherit"] });
  createInterface({ input: child.stdout }).on("line", (line) => {
    const figure = parseFigure(line);
    if (figure !== undefined) figures.push(figure);
    else process.stdout.write(`${line}\n`);
  });
  return new Promise((resolve) => {
    child.once("close", (exitCode) =>
      resolve({ bench, seconds: (performance.now() - started) / 1000, exitCode, figures })
    );
  });
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100
    ? Math.round(value).toLocaleString("en-US")
    : value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

function summaryTable(outcomes: readonly Outcome[]): string[] {
  const rows: string[][] = [["benchmark", "figure", "product", "floor", "unit", "ratio", "goal", "met?"]];
  for (const outcome of outcomes) {
    if (outcome.exitCode !== 0) rows.push([outcome.bench, `failed (exit ${outcome.exitCode})`, "", "", "", "", "", ""]);
    else if (outcome.figures.length === 0)
      rows.push([outcome.bench, "no figure lines (see its output above)", "", "", "", "", "", ""]);
    for (const f of outcome.figures) {
      rows.push([
        f.bench,
        f.figure,
        formatNumber(f.product),
        formatNumber(f.floor),
        f.unit,
        `${f.ratio.toFixed(2)}x`,
        f.goal ?? "",
        f.met === undefined ? "" : f.met ? "yes" : "NO"
      ]);
    }
  }
  const widths = (rows[0] as string[]).map((_cell, column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length))
  );
  const numeric = new Set([2, 3, 5]);
  return rows.map((row) =>
    row
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)
      )
      .join(" | ")
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const commands = benchCommands();
  console.log(`npm run bench: ${[...commands.keys()].join(", ")}`);
  const outcomes: Outcome[] = [];
  for (const [bench, command] of commands) {
    console.log(`\n=== bench:${bench} (${command}) ===`);
    const outcome = await run(bench, command);
    console.log(
      `--- bench:${bench}: ${outcome.seconds.toFixed(0)} s${outcome.exitCode === 0 ? "" : `, exit ${outcome.exitCode}`}`
    );
    outcomes.push(outcome);
  }
  console.log(
    `\n=== summary (${((performance.now() - started) / 60_000).toFixed(1)} min in all; ratio = product/floor, or floor/product where less is better) ===`
  );
  for (const line of summaryTable(outcomes)) console.log(line);
  if (outcomes.some((outcome) => outcome.exitCode !== 0)) process.exitCode = 1;
}

void main();
