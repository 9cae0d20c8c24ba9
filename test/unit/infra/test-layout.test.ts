/**
 * Keeps the one layout for tests (README, "Tests and benchmarks") from drifting: a unit test sits under the folder
 * of its subject in shared/ (or of infra/, ops/), a stand-in's test under the folder of its stand-in in local/ (a
 * module at the root of shared/ or local/ gets a folder of its name), and no test file lies loose at the root of
 * test/unit, test/integration or test/local.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot as root } from "./arm-template";

function testFiles(folder: string): string[] {
  const base = join(root, folder);
  return readdirSync(base, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => relative(base, join(base, file)).split(sep).join("/"));
}

/** Where a test's folder must exist: <product>/<folder>, or <product>/<folder>.ts for a module at its root. */
function subjectExists(productRoot: string, testPath: string): boolean {
  const folder = testPath.split("/").slice(0, -1).join("/");
  return existsSync(join(root, productRoot, folder)) || existsSync(join(root, productRoot, `${folder}.ts`));
}

describe("the test layout", () => {
  it("puts no test file loose at the root of test/unit, test/integration or test/local", () => {
    const loose = ["test/unit", "test/integration", "test/local"].flatMap((folder) => testFiles(folder).filter((file) => !file.includes("/")).map((file) => `${folder}/${file}`));
    expect(loose).toEqual([]);
  });

  it("files each unit test under a folder of shared/ (or infra/, ops/) that exists", () => {
    const misplaced = testFiles("test/unit").filter((file) => {
      const [top] = file.split("/");
      if (top === "infra" || top === "ops") return !existsSync(join(root, top));
      return !subjectExists("shared", file);
    });
    expect(misplaced).toEqual([]);
  });

  it("files each stand-in's test under the folder of that stand-in in local/", () => {
    const misplaced = testFiles("test/local").filter((file) => {
      const [top] = file.split("/");
      // local/runtime.ts and local/start.ts make up the runtime as a whole.
      return top === "runtime" ? !existsSync(join(root, "local", "runtime.ts")) : !subjectExists("local", file);
    });
    expect(misplaced).toEqual([]);
  });
});
