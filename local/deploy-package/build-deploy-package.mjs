// `npm run package`: the folder azd zips and deploys to the Function App (azure.yaml: `dist: .deploy/api`,
// `remoteBuild: false`, run by the service's prepackage hook). It holds only what runs on Azure: the compiled
// functions/ and shared/ (no source maps, nothing from local/, bench/, ops/ or test/), the pages' static files, which
// dist/shared/pages/assets.js reads from <root>/shared/pages/assets, host.json, package.json (its "main",
// dist/functions/*.js, is how the v4 host finds the functions) and the lock file, and the production dependencies
// installed from that lock file with `npm ci --omit=dev`. Run `npm run build` first (the npm script does).
//   node local/deploy-package/build-deploy-package.mjs [--out <folder>] [--zip <file>]
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** What is copied from the repository, each path relative to it; the compiled folders lose their source maps. */
const copied = [
  { from: "host.json" },
  { from: "package.json" },
  { from: "package-lock.json" },
  { from: "dist/functions", withoutSourceMaps: true },
  { from: "dist/shared", withoutSourceMaps: true },
  { from: "shared/pages/assets" }
];

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : resolve(process.argv[at + 1] ?? "");
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error || result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed in ${cwd}:\n${result.error?.message ?? ""}${result.stdout}${result.stderr}`
    );
  return result.stdout;
}

function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function buildDeployPackage(out) {
  if (!existsSync(join(root, "dist", "functions")))
    throw new Error("dist/functions is missing: run npm run build first");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const { from, withoutSourceMaps } of copied) {
    cpSync(join(root, from), join(out, from), {
      recursive: true,
      filter: (source) => !(withoutSourceMaps && source.endsWith(".js.map"))
    });
  }
  // Only what the lock file says, without devDependencies and what only they need; --prefer-offline uses the npm
  // cache where it has the exact version, so a rebuild needs the registry only for what it has never fetched.
  run("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], out);
  const files = filesUnder(out);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  return { files: files.length, bytes };
}

try {
  const out = option("--out", join(root, ".deploy", "api"));
  const zip = option("--zip", undefined);
  const { files, bytes } = buildDeployPackage(out);
  process.stdout.write(
    `Deploy package: ${relative(process.cwd(), out) || "."}, ${files} files, ${(bytes / 1_048_576).toFixed(1)} MiB unpacked\n`
  );
  if (zip) {
    rmSync(zip, { force: true });
    mkdirSync(dirname(zip), { recursive: true });
    // As azd does: the folder's contents at the root of the archive.
    run("zip", ["-q", "-r", "-X", zip, "."], out);
    process.stdout.write(`Zip: ${relative(process.cwd(), zip)}, ${(statSync(zip).size / 1_048_576).toFixed(1)} MiB\n`);
  }
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
