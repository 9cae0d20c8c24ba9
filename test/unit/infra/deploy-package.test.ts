/**
 * The deploy package as azd takes it: `npm run package` (local/deploy-package/build-deploy-package.mjs) builds it into a
 * folder of its own from the compiled dist/ (npm test builds first), and this test lists what is in it. It runs
 * `npm ci --omit=dev` in that folder, from the npm cache where it can (about 10 s warm).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot as root } from "./arm-template";
import { packageName, readDependencyGraph } from "./lock-file";

const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const graph = readDependencyGraph(join(root, "package-lock.json"));
// Outside the repository, so nothing the app requires can be found in the repository's own node_modules instead.
const parent = mkdtempSync(join(tmpdir(), "deploy-package-"));
const out = join(parent, "api");
let files: string[] = [];

/** Lock-file style keys of the packages installed in a node_modules tree, nested ones included. */
function installedPackages(folder: string, prefix = ""): string[] {
  const modules = join(folder, "node_modules");
  if (!existsSync(modules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const names = entry.name.startsWith("@") ? readdirSync(join(modules, entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name];
    for (const name of names) {
      const key = `${prefix}node_modules/${name}`;
      found.push(key, ...installedPackages(join(modules, name), `${key}/`));
    }
  }
  return found;
}

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(root, "local", "deploy-package", "build-deploy-package.mjs"), "--out", out], { encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  files = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(out, join(entry.parentPath, entry.name)).split(sep).join("/"));
}, 300_000);

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("the deploy package (npm run package, what azd zips)", () => {
  it("holds the compiled functions/ and shared/, the pages' assets, host.json, package.json, the lock file and node_modules, and nothing else", () => {
    expect(readdirSync(out).sort()).toEqual(["dist", "host.json", "node_modules", "package-lock.json", "package.json", "shared"]);
    expect(readdirSync(join(out, "dist")).sort()).toEqual(["functions", "shared"]);
    expect(files.filter((file) => file.startsWith("shared/")).sort()).toEqual(["shared/pages/assets/app.css", "shared/pages/assets/app.js"]);
    const app = files.filter((file) => !file.startsWith("node_modules/"));
    const named = ["host.json", "package.json", "package-lock.json", "shared/pages/assets/app.css", "shared/pages/assets/app.js"];
    for (const file of named) expect(app).toContain(file);
    expect(app.filter((file) => !named.includes(file) && !/^dist\/(functions|shared)\/.+\.(js|json)$/.test(file))).toEqual([]);
    expect(app.filter((file) => /(^|\/)(local|bench|test|ops)\//.test(file) || file.endsWith(".ts") || file.endsWith(".map"))).toEqual([]);
  });

  it("has the app's entry point: package.json main (dist/functions/*.js) matches a compiled file for every trigger in functions/", () => {
    expect(packageJson.main).toBe("dist/functions/*.js");
    const triggers = readdirSync(join(root, "functions")).filter((name) => name.endsWith(".ts")).map((name) => `dist/functions/${name.replace(/\.ts$/, ".js")}`);
    expect(triggers.length).toBeGreaterThan(50);
    expect(files.filter((file) => /^dist\/functions\/[^/]+\.js$/.test(file)).sort()).toEqual(triggers.sort());
    expect(files).toContain("dist/shared/domain/entra-roles.json");
  });

  it("installs exactly the production dependencies of the lock file: no devDependency and nothing only they need", () => {
    const installed = installedPackages(out);
    const devOnly = [...graph.development].filter((key) => !graph.production.has(key));
    // The graph walk and npm's own marks agree on what only the devDependencies need, so the walk can be trusted.
    expect(devOnly.sort()).toEqual([...graph.packages].filter(([, entry]) => entry.dev === true).map(([key]) => key).sort());
    expect(devOnly.length).toBeGreaterThan(100);
    expect(installed.filter((key) => devOnly.includes(key))).toEqual([]);
    // A devDependency is there only where a production dependency needs it too (rhea under @azure/service-bus,
    // @types/node under protobufjs).
    const devDependenciesInstalled = installed.filter((key) => Object.hasOwn(packageJson.devDependencies, packageName(key)));
    expect(devDependenciesInstalled.filter((key) => !graph.production.has(key))).toEqual([]);
    expect(devDependenciesInstalled.length).toBeLessThan(Object.keys(packageJson.devDependencies).length / 2);
    for (const name of ["vitest", "playwright-core", "azurite", "typescript", "@vercel/cosmosdb-server", "eslint", "fast-check", "@microsoft/msgraph-sdk"]) expect(installed).not.toContain(`node_modules/${name}`);
    const expected = [...graph.production].filter((key) => !(graph.packages.get(key)?.optional === true && !installed.includes(key)));
    expect(installed.sort()).toEqual(expected.sort());
    for (const name of Object.keys(packageJson.dependencies)) expect(installed).toContain(`node_modules/${name}`);
  });

  it("loads: every compiled trigger requires only files inside the package, and the page assets are found beside it", () => {
    const script = [
      "const { readdirSync } = require('node:fs');",
      "const { join } = require('node:path');",
      "for (const name of readdirSync('dist/functions').filter((n) => n.endsWith('.js'))) require(join(process.cwd(), 'dist/functions', name));",
      "const outside = Object.keys(require.cache).filter((file) => !file.startsWith(process.cwd() + '/'));",
      "const assets = require(join(process.cwd(), 'dist/shared/pages/assets.js'));",
      "process.stdout.write(JSON.stringify({ loaded: Object.keys(require.cache).length, outside, assetsDirectory: assets.assetsDirectory() }));"
    ].join("\n");
    const run = spawnSync(process.execPath, ["-e", script], { cwd: out, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" } });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { loaded: number; outside: string[]; assetsDirectory: string };
    expect(result.outside).toEqual([]);
    expect(result.loaded).toBeGreaterThan(200);
    expect(result.assetsDirectory).toBe(join(out, "shared", "pages", "assets"));
  });
});
