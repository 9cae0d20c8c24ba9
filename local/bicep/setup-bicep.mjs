// `npm run setup:bicep`: makes sure a Bicep CLI is there for `npm run build:infra`, installing the pinned version into
// .tools/ when none is found, and says which one will be used. `--pinned` installs the pinned version even when
// another is on PATH (CI uses it, so every run compiles with the same compiler).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { findBicep, installPinned, pinnedBicepVersion, pinnedExecutable } from "./bicep-tool.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const log = (line) => process.stdout.write(`${line}\n`);

try {
  if (process.argv.includes("--pinned") && !existsSync(pinnedExecutable(root))) installPinned(root, log);
  const bicep = findBicep(root, { log });
  const note =
    bicep.version === pinnedBicepVersion
      ? ""
      : ` (the project pins ${pinnedBicepVersion}; run npm run setup:bicep -- --pinned to use that)`;
  log(`Bicep CLI ${bicep.version}: ${bicep.source}${note}`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
