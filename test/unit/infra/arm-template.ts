/**
 * The compiled templates, as the drift test reads them: `npm run build:infra` compiles infra/main.bicep with the real
 * Bicep compiler into dist/infra/main.json (ARM JSON), each module becoming a nested deployment whose template holds
 * that module's variables and resources. Parsed with zod, so a shape the test does not expect fails with its path.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const repositoryRoot = join(__dirname, "..", "..", "..");
export const armTemplatePath = join(repositoryRoot, "dist", "infra", "main.json");

const armResource = z.looseObject({
  type: z.string(),
  name: z.string(),
  copy: z.looseObject({ count: z.unknown() }).optional(),
  properties: z.record(z.string(), z.unknown()).optional()
});

const armParameter = z.looseObject({ type: z.string(), defaultValue: z.unknown().optional() });

export const armTemplate = z.looseObject({
  parameters: z.record(z.string(), armParameter).default({}),
  variables: z.record(z.string(), z.unknown()).default({}),
  resources: z.array(armResource)
});

export type ArmTemplate = z.infer<typeof armTemplate>;
export type ArmResource = z.infer<typeof armResource>;

const nestedDeployment = z.looseObject({ properties: z.looseObject({ template: armTemplate }) });

/** Reads dist/infra/main.json; fails when it is missing or older than a .bicep file (compiled before an edit). */
export function readCompiledTemplate(): ArmTemplate {
  let compiledAt: number;
  try {
    compiledAt = statSync(armTemplatePath).mtimeMs;
  } catch {
    throw new Error(`${armTemplatePath} is missing: run npm run build:infra (npm test runs it first)`);
  }
  const sources = [join(repositoryRoot, "infra", "main.bicep"), ...readdirSync(join(repositoryRoot, "infra", "modules")).map((name) => join(repositoryRoot, "infra", "modules", name))];
  const newer = sources.filter((path) => statSync(path).mtimeMs > compiledAt);
  if (newer.length > 0) throw new Error(`${armTemplatePath} is older than ${newer.join(", ")}: run npm run build:infra`);
  return armTemplate.parse(JSON.parse(readFileSync(armTemplatePath, "utf8")));
}

/** The template of the module deployed under `name` (the `name:` of a `module` in main.bicep). */
export function moduleTemplate(main: ArmTemplate, name: string): ArmTemplate {
  const found = main.resources.filter((r) => r.type === "Microsoft.Resources/deployments" && r.name === name);
  if (found.length !== 1) throw new Error(`main.json has ${found.length} module deployments named "${name}", expected 1`);
  return nestedDeployment.parse(found[0]).properties.template;
}

/** An ARM string is an expression when it is in [brackets]; a literal that starts with [ is written [[. */
export function isArmExpression(value: unknown): boolean {
  return typeof value === "string" && value.startsWith("[") && !value.startsWith("[[") && value.endsWith("]");
}
