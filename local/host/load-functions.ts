/**
 * Finds the compiled function files the way the Node worker does, from package.json `main` (a path or a
 * simple `dir/*.js` glob), and requires them so each `app.*` call registers through the provided core module.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export function functionFilesFromPackageMain(appRoot: string): string[] {
  const pkg = JSON.parse(readFileSync(join(appRoot, "package.json"), "utf8")) as { main?: string };
  if (!pkg.main) throw new Error("package.json has no main: the host cannot find the function files.");
  return expandPattern(resolve(appRoot, pkg.main));
}

/** Expands `*` in the last path segment only, which is all package.json `main` globs need here. */
export function expandPattern(pattern: string): string[] {
  const name = basename(pattern);
  if (!name.includes("*")) return [pattern];
  const dir = dirname(pattern);
  const matcher = new RegExp(`^${name.split("*").map(escapeRegExp).join(".*")}$`);
  return readdirSync(dir)
    .filter((file) => matcher.test(file))
    .sort()
    .map((file) => join(dir, file));
}

export function requireFunctionFiles(files: readonly string[]): void {
  for (const file of files) {
    // A second host in the same process (a benchmark, a test) must see the registrations again.
    delete require.cache[require.resolve(file)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading compiled function files by path, as the worker does
    require(file);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
