/**
 * Structural checks over files read by bicep-reader.ts: the Bicep rules this machine can check without a Bicep
 * compiler. Each returns a list of problems (empty when none), so a test can also show that it finds them.
 * What they cannot know: resource property names and types, whether an api-version exists for a type, expression
 * types, function signatures, and scoping of loop and lambda variables (counted file-wide here).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { entry, parseBicep, type BicepFile, type BicepValue, type Token } from "./bicep-reader";

/** The Bicep functions these files may call; a call to anything else is reported. */
export const knownFunctions = new Set([
  "any", "base64", "bool", "coalesce", "contains", "dataUri", "deployer", "deployment", "empty", "endsWith", "environment", "extensionResourceId",
  "filter", "first", "flatten", "format", "guid", "indexOf", "int", "intersection", "items", "join", "json", "last", "length", "loadJsonContent",
  "loadTextContent", "managementGroup", "map", "max", "min", "newGuid", "padLeft", "range", "reduce", "replace", "resourceGroup", "resourceId",
  "skip", "sort", "split", "startsWith", "string", "subscription", "subscriptionResourceId", "substring", "take", "tenant", "tenantResourceId",
  "toLower", "toObject", "toUpper", "trim", "union", "uniqueString", "uri", "uriComponent", "utcNow"
]);

export const knownDecorators = new Set(["allowed", "batchSize", "description", "discriminator", "export", "maxLength", "maxValue", "metadata", "minLength", "minValue", "sealed", "secure"]);

const keywords = new Set(["true", "false", "null", "if", "for", "in", "existing", "param", "var", "resource", "module", "output", "targetScope", "az", "sys"]);
const types = new Set(["string", "int", "bool", "object", "array"]);

/** `Provider.Namespace/type[/child...]@yyyy-mm-dd[-preview]`, with a real month and day. */
export function apiVersionProblem(typeReference: string): string | undefined {
  const match = /^([A-Za-z]+\.[A-Za-z]+(?:\/[A-Za-z]+)+)@(\d{4})-(\d{2})-(\d{2})(-preview)?$/.exec(typeReference);
  if (!match) return `'${typeReference}' is not '<Namespace>/<type>@<yyyy-mm-dd>[-preview]'`;
  const [, , year, month, day] = match;
  if (Number(year) < 2014 || Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return `'${typeReference}' has no real date`;
  return undefined;
}

/** Every token of the file, interpolations included, each with its neighbours in its own run. */
function* walk(tokens: readonly Token[]): Generator<{ token: Token; beforePrevious?: Token; previous?: Token; next?: Token; afterNext?: Token }> {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    yield { token, beforePrevious: tokens[i - 2], previous: tokens[i - 1], next: tokens[i + 1], afterNext: tokens[i + 2] };
    for (const inner of token.interpolations ?? []) yield* walk(inner);
  }
}

interface Symbols {
  /** Identifiers the file uses as values, by name, with where. */
  readonly references: Map<string, Token[]>;
  readonly calls: Token[];
  readonly localNames: Set<string>;
}

function collectSymbols(file: BicepFile): Symbols {
  const references = new Map<string, Token[]>();
  const calls: Token[] = [];
  const localNames = new Set<string>();
  for (const { token, beforePrevious, previous, next, afterNext } of walk(file.tokens)) {
    if (token.kind !== "identifier") continue;
    const declaring = previous?.kind === "identifier" && ["param", "var", "resource", "module", "output"].includes(previous.text) && previous.line === token.line;
    const isType = beforePrevious?.kind === "identifier" && ["param", "output"].includes(beforePrevious.text) && previous?.kind === "identifier";
    const isMember = previous?.text === "." || previous?.text === ".?";
    const isDecorator = previous?.text === "@";
    const isKey = next?.text === ":" && (previous === undefined || previous.kind === "newline" || previous.text === "{" || previous.text === ",");
    if (declaring || isType || isMember || isDecorator || isKey || keywords.has(token.text)) continue;
    if (previous?.text === "for" || (previous?.text === "(" && next?.text === "," && afterNext?.kind === "identifier")) localNames.add(token.text);
    if (next?.text === "=>" || (previous?.text === "," && next?.text === ")" && afterNext?.text === "=>")) localNames.add(token.text);
    if (previous?.text === "," && next?.text === ")" && afterNext?.text === "in") localNames.add(token.text);
    if (next?.text === "(") {
      calls.push(token);
      continue;
    }
    references.set(token.text, [...(references.get(token.text) ?? []), token]);
  }
  return { references, calls, localNames };
}

/** Undeclared symbols, unknown functions, and params or vars nobody uses. */
export function symbolProblems(file: BicepFile): string[] {
  const problems: string[] = [];
  const { references, calls, localNames } = collectSymbols(file);
  const declared = new Set([...file.params, ...file.vars, ...file.resources, ...file.modules].map((d) => d.name));
  for (const [name, tokens] of references) {
    if (!declared.has(name) && !localNames.has(name)) problems.push(`line ${tokens[0]?.line}: '${name}' is not declared`);
  }
  for (const call of calls) {
    if (!knownFunctions.has(call.text)) problems.push(`line ${call.line}: '${call.text}()' is not a Bicep function these files use`);
  }
  for (const declaration of [...file.params, ...file.vars]) {
    if ((references.get(declaration.name) ?? []).length === 0) problems.push(`line ${declaration.line}: '${declaration.name}' is declared and never used`);
  }
  // Outputs have a namespace of their own (`output name string = name` is fine); the other four share one.
  for (const names of [[...file.params, ...file.vars, ...file.resources, ...file.modules].map((d) => d.name), file.outputs.map((o) => o.name)]) {
    for (const name of new Set(names)) if (names.filter((n) => n === name).length > 1) problems.push(`'${name}' is declared more than once`);
  }
  return problems;
}

/** Decorators are known ones, called with parentheses; `existing` resources carry only name, parent and scope. */
export function declarationProblems(file: BicepFile): string[] {
  const problems: string[] = [];
  for (const declaration of [...file.params, ...file.vars, ...file.resources, ...file.modules, ...file.outputs]) {
    for (const decorator of declaration.decorators) {
      if (!knownDecorators.has(decorator.name)) problems.push(`line ${declaration.line}: unknown decorator @${decorator.name}`);
      if (decorator.tokens[2]?.text !== "(" && decorator.tokens[4]?.text !== "(") problems.push(`line ${declaration.line}: @${decorator.name} must be called, @${decorator.name}(...)`);
    }
  }
  for (const declaration of [...file.params, ...file.outputs]) {
    if (!types.has(declaration.type)) problems.push(`line ${declaration.line}: '${declaration.type}' is not a type (string, int, bool, object, array)`);
  }
  for (const resource of file.resources) {
    const problem = apiVersionProblem(resource.typeReference);
    if (problem) problems.push(`line ${resource.line}: ${problem}`);
    if (entry(resource.body, "name") === undefined) problems.push(`line ${resource.line}: resource '${resource.name}' has no name`);
    if (resource.existing) {
      for (const e of resource.body.entries) {
        if (!["name", "parent", "scope"].includes(e.key ?? "")) problems.push(`line ${resource.line}: existing resource '${resource.name}' sets '${e.key}'`);
      }
    }
  }
  return problems;
}

/** ARM JSON left in Bicep: '[concat(...)]'-style expression strings and the ARM-only functions. */
export function armLeftoverProblems(file: BicepFile): string[] {
  const problems: string[] = [];
  for (const { token, next } of walk(file.tokens)) {
    if (token.kind === "string" && token.value !== undefined && /^\[[a-zA-Z]+\(.*\)\]$/s.test(token.value)) problems.push(`line ${token.line}: ARM expression string ${token.text}`);
    if (token.kind === "identifier" && next?.text === "(" && ["concat", "parameters", "variables", "reference"].includes(token.text)) problems.push(`line ${token.line}: ${token.text}() is an ARM JSON habit`);
  }
  return problems;
}

/** Module paths exist, pass only params the module declares and every param it requires, and use only its outputs. */
export function moduleProblems(file: BicepFile, filePath: string): string[] {
  const problems: string[] = [];
  for (const module of file.modules) {
    const target = join(dirname(filePath), module.path);
    if (!existsSync(target)) {
      problems.push(`line ${module.line}: module '${module.name}' points at ${module.path}, which does not exist`);
      continue;
    }
    const child = parseBicep(readFileSync(target, "utf8"));
    const passed = entry(module.body, "params");
    const passedNames = passed?.kind === "object" ? passed.entries.map((e) => e.key ?? "") : [];
    for (const name of passedNames) {
      if (!child.params.some((p) => p.name === name)) problems.push(`line ${module.line}: module '${module.name}' passes '${name}', which ${module.path} does not declare`);
    }
    for (const param of child.params) {
      if (param.defaultValue === undefined && !passedNames.includes(param.name)) problems.push(`line ${module.line}: module '${module.name}' does not pass '${param.name}', which ${module.path} requires`);
    }
    if (entry(module.body, "name") === undefined) problems.push(`line ${module.line}: module '${module.name}' has no deployment name`);
    for (const { token, next, afterNext } of walk(file.tokens)) {
      if (token.text !== module.name || next?.text !== "." || afterNext?.text !== "outputs") continue;
      const found = outputReference(file.tokens, token);
      if (found && !child.outputs.some((o) => o.name === found.text)) problems.push(`line ${token.line}: ${module.path} has no output '${found.text}'`);
    }
  }
  return problems;
}

/** The NAME in `module.outputs.NAME` (or `.outputs.?NAME`), searching interpolations too. */
function outputReference(tokens: readonly Token[], start: Token): Token | undefined {
  for (const run of [tokens, ...tokens.flatMap((t) => t.interpolations ?? [])]) {
    const i = run.indexOf(start);
    if (i >= 0) {
      const name = run[i + 3]?.kind === "identifier" ? run[i + 3] : run[i + 4];
      return name?.kind === "identifier" ? name : undefined;
    }
  }
  for (const token of tokens) {
    for (const inner of token.interpolations ?? []) {
      const found = outputReference(inner, start);
      if (found) return found;
    }
  }
  return undefined;
}

/** The parameters file names exactly main's params that need a value from azd, and only params main declares. */
export function parametersFileProblems(main: BicepFile, parameters: { parameters?: Record<string, { value?: unknown }> }): string[] {
  const problems: string[] = [];
  const given = Object.keys(parameters.parameters ?? {});
  for (const name of given) if (!main.params.some((p) => p.name === name)) problems.push(`main.parameters.json sets '${name}', which main.bicep does not declare`);
  for (const param of main.params) {
    if (param.defaultValue === undefined && !given.includes(param.name)) problems.push(`main.bicep requires '${param.name}', which main.parameters.json does not set`);
  }
  for (const [name, value] of Object.entries(parameters.parameters ?? {})) {
    if (typeof value.value !== "string" || !/^\$\{[A-Z_][A-Z0-9_]*(=[^}]*)?\}$/.test(value.value)) problems.push(`main.parameters.json '${name}' should come from the azd environment as \${NAME}`);
  }
  return problems;
}

export function isObject(value: BicepValue | undefined): value is Extract<BicepValue, { kind: "object" }> {
  return value?.kind === "object";
}
