/* global console, process */
// `npm run fuzz -- --runs 10000 [--seed 42] [--verbose]`: the fuzz test of `npm test` with as many requests as asked
// (npm test sends 1,500). It takes the same checks and prints the same summary: answers by status, time, seed.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10000" },
    seed: { type: "string" },
    verbose: { type: "boolean", default: false }
  }
});
if (!/^[1-9][0-9]*$/.test(values.runs)) {
  console.error(`--runs must be a positive whole number, not ${values.runs}`);
  process.exit(2);
}
const env = { ...process.env, FUZZ_RUNS: values.runs };
if (values.seed !== undefined) env.FUZZ_SEED = values.seed;
if (values.verbose) env.FUZZ_VERBOSE = "1";
const result = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "test/integration/fuzz/hostile-requests.test.ts"],
  { stdio: "inherit", env }
);
process.exit(result.status ?? 1);
