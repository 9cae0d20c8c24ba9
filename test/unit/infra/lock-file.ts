/**
 * The dependency graph in package-lock.json (lockfileVersion 3), walked the way Node resolves a require: from a
 * package at node_modules/a, a dependency b is node_modules/a/node_modules/b if that exists, else the same name one
 * folder up, and so on to the top. The deploy-package test uses it to know, independently of npm's own `dev` flags,
 * which packages only the devDependencies need.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const lockedPackage = z.looseObject({
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
  peerDependenciesMeta: z.record(z.string(), z.looseObject({ optional: z.boolean().optional() })).optional(),
  devDependencies: z.record(z.string(), z.string()).optional()
});

const lockFile = z.looseObject({ lockfileVersion: z.literal(3), packages: z.record(z.string(), lockedPackage) });

export type LockedPackage = z.infer<typeof lockedPackage>;

export interface DependencyGraph {
  /** Lock-file keys ("node_modules/a", "node_modules/a/node_modules/b") of every package, with its entry. */
  readonly packages: ReadonlyMap<string, LockedPackage>;
  /** Everything the dependencies (and their dependencies, optional and peer ones too) reach. */
  readonly production: ReadonlySet<string>;
  /** Everything the devDependencies reach. */
  readonly development: ReadonlySet<string>;
}

/** Where `name`, required from the package at `from` ("" is the root), is installed; undefined when nowhere. */
function resolveFrom(packages: ReadonlyMap<string, LockedPackage>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === "" ? "" : `${base}/`}node_modules/${name}`;
    if (packages.has(candidate)) return candidate;
    if (base === "") return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut === -1 ? "" : base.slice(0, cut);
  }
}

function reach(packages: ReadonlyMap<string, LockedPackage>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = roots.map((name) => ({ from: "", name }));
  while (pending.length > 0) {
    const { from, name } = pending.pop() as { from: string; name: string };
    const at = resolveFrom(packages, from, name);
    if (at === undefined || seen.has(at)) continue;
    seen.add(at);
    const entry = packages.get(at) as LockedPackage;
    const needs = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const dependency of Object.keys(needs)) pending.push({ from: at, name: dependency });
  }
  return seen;
}

export function readDependencyGraph(lockPath: string): DependencyGraph {
  const lock = lockFile.parse(JSON.parse(readFileSync(lockPath, "utf8")));
  const root = lock.packages[""];
  if (!root) throw new Error(`${lockPath} has no root package entry`);
  const packages = new Map(Object.entries(lock.packages).filter(([key]) => key !== "" && key.includes("node_modules/")));
  return {
    packages,
    production: reach(packages, Object.keys({ ...root.dependencies, ...root.optionalDependencies })),
    development: reach(packages, Object.keys(root.devDependencies ?? {}))
  };
}

/** The package name in a lock-file key: the part after the last node_modules/ ("@scope/name" or "name"). */
export function packageName(key: string): string {
  return key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
}
