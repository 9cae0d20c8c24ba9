/**
 * There is no Bicep compiler on this machine (the npm package bicep-node only wraps the Bicep CLI, which it downloads
 * at run time; Debian has none), so these tests check what can be checked from the text: the lexical rules, the
 * shape of each declaration, symbols, modules and the azd files. They cannot check resource property names or
 * types, whether an api-version exists for a type, or expression types: `az bicep build infra/main.bicep` does.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { armLeftoverProblems, declarationProblems, moduleProblems, parametersFileProblems, symbolProblems } from "./bicep-checks";
import { BicepSyntaxError, checkBrackets, entry, lexBicep, literal, parseBicep, readBicepFile } from "./bicep-reader";

const root = join(__dirname, "..", "..", "..");
const infra = join(root, "infra");
const bicepFiles = [join(infra, "main.bicep"), ...readdirSync(join(infra, "modules")).filter((f) => f.endsWith(".bicep")).map((f) => join(infra, "modules", f))];
const named = bicepFiles.map((path) => [relative(root, path), path] as const);

describe("Bicep files: lexical rules", () => {
  it("finds the files to check", () => {
    expect(named.map(([name]) => name)).toEqual(expect.arrayContaining(["infra/main.bicep", "infra/modules/function-app.bicep", "infra/modules/cosmos.bicep", "infra/modules/service-bus.bicep"]));
  });

  it.each(named)("%s: no tabs, no trailing spaces, LF line ends, a final newline", (_name, path) => {
    const text = readFileSync(path, "utf8");
    expect(text).not.toMatch(/\t/);
    expect(text).not.toMatch(/\r/);
    expect(text).not.toMatch(/ +\n/);
    expect(text.endsWith("\n")).toBe(true);
  });

  it.each(named)("%s: strings, escapes, ${} interpolations and comments close; (), [] and {} balance outside strings", (_name, path) => {
    const tokens = lexBicep(readFileSync(path, "utf8"));
    expect(tokens.length).toBeGreaterThan(10);
    expect(() => checkBrackets(tokens)).not.toThrow();
  });

  it.each(named)("%s: no ARM JSON leftovers ('[concat(...)]' strings, concat/parameters/variables/reference calls)", (_name, path) => {
    expect(armLeftoverProblems(readBicepFile(path))).toEqual([]);
  });

  it("rejects what it claims to reject: a tab, a double-quoted string, an unclosed string or interpolation, a bad escape, unbalanced brackets", () => {
    const rejects = (source: string) => expect(() => checkBrackets(lexBicep(source))).toThrow(BicepSyntaxError);
    rejects("var a = 'x'\n\tvar b = 1\n");
    rejects('var a = "x"\n');
    rejects("var a = 'x\n");
    rejects("var a = 'x${b'\n");
    rejects("var a = '\\q'\n");
    rejects("var a = [\n  { b: 1 }\n");
    rejects("var a = { b: [1) }\n");
    rejects("var a = 1 }\n");
    expect(() => lexBicep("var a = 'it\\'s ${b} and \\${literal}' // comment '\n/* block\n ' */\nvar c = '''\nraw ${not} \\q\n'''\n")).not.toThrow();
  });
});

describe("Bicep files: declarations", () => {
  it.each(named)("%s: every statement parses as targetScope, param, var, resource, module or output, decorators before one", (_name, path) => {
    expect(() => readBicepFile(path)).not.toThrow();
  });

  it.each(named)("%s: every resource has a type string with a dated api-version, a name, and 'existing' ones only name/parent/scope; decorators are known and called; param and output types are real", (_name, path) => {
    expect(declarationProblems(readBicepFile(path))).toEqual([]);
  });

  it.each(named)("%s: every symbol used is declared (params, vars, resources, modules; loop and lambda variables file-wide), every function called is a Bicep function, every param and var is used", (_name, path) => {
    expect(symbolProblems(readBicepFile(path))).toEqual([]);
  });

  it.each(named)("%s: every module path exists, gets every param it requires and only params it declares, and only its declared outputs are read", (_name, path) => {
    expect(moduleProblems(readBicepFile(path), path)).toEqual([]);
  });

  it("finds the problems it claims to find (so an empty list above means something)", () => {
    const broken = parseBicep(
      [
        "param unused string",
        "param used string",
        "@description('x')",
        "@color('red')",
        "var name = '${used}-${missing}'",
        "resource a 'Microsoft.Web/sites@2024-13-01' = {",
        "  name: name",
        "}",
        "resource b 'Microsoft.Web/sites@2024-04-01' existing = {",
        "  name: 'b'",
        "  properties: {}",
        "}",
        "resource c 'Microsoft.Web/sites' = {",
        "  name: concat('a', 'b')",
        "  location: resourceGroupp().location",
        "}",
        "output o strin = a.id",
        ""
      ].join("\n")
    );
    expect(symbolProblems(broken)).toEqual([
      "line 5: 'missing' is not declared",
      "line 14: 'concat()' is not a Bicep function these files use",
      "line 15: 'resourceGroupp()' is not a Bicep function these files use",
      "line 1: 'unused' is declared and never used"
    ]);
    expect(declarationProblems(broken)).toEqual([
      "line 5: unknown decorator @color",
      "line 17: 'strin' is not a type (string, int, bool, object, array)",
      "line 6: 'Microsoft.Web/sites@2024-13-01' has no real date",
      "line 9: existing resource 'b' sets 'properties'",
      "line 13: 'Microsoft.Web/sites' is not '<Namespace>/<type>@<yyyy-mm-dd>[-preview]'"
    ]);
    expect(armLeftoverProblems(parseBicep("var a = '[concat(parameters(\\'x\\'))]'\n"))).toEqual(["line 1: ARM expression string '[concat(parameters(\\'x\\'))]'"]);
    const withModule = parseBicep("module m 'modules/storage.bicep' = {\n  name: 'm'\n  params: {\n    location: 'x'\n    colour: 'red'\n  }\n}\noutput n string = m.outputs.nothing\n");
    expect(moduleProblems(withModule, join(infra, "main.bicep"))).toEqual([
      "line 1: module 'm' passes 'colour', which modules/storage.bicep does not declare",
      "line 1: module 'm' does not pass 'tags', which modules/storage.bicep requires",
      "line 1: module 'm' does not pass 'resourceToken', which modules/storage.bicep requires",
      "line 8: modules/storage.bicep has no output 'nothing'"
    ]);
  });
});

describe("azd layout", () => {
  const main = readBicepFile(join(infra, "main.bicep"));
  const parameters = JSON.parse(readFileSync(join(infra, "main.parameters.json"), "utf8")) as { parameters?: Record<string, { value?: unknown }> };

  it("main.bicep is subscription-scoped, creates the resource group and deploys every module into it", () => {
    expect(main.targetScope).toBe("subscription");
    expect(main.resources.map((r) => r.typeReference.split("@")[0])).toEqual(["Microsoft.Resources/resourceGroups"]);
    for (const module of main.modules) {
      const scope = entry(module.body, "scope");
      expect(scope?.kind === "expression" ? scope.tokens.map((t) => t.text).join("") : scope).toBe("rg");
    }
    for (const path of bicepFiles.filter((p) => p !== join(infra, "main.bicep"))) expect(readBicepFile(path).targetScope).toBeUndefined();
  });

  it("main.parameters.json sets exactly main.bicep's required params (and optional ones only if declared), each from the azd environment", () => {
    expect(parametersFileProblems(main, parameters)).toEqual([]);
    expect(parameters.parameters?.environmentName?.value).toBe("${AZURE_ENV_NAME}");
    expect(parameters.parameters?.location?.value).toBe("${AZURE_LOCATION}");
  });

  it("marks the link token secret @secure and gives it a Key Vault secret, never an output", () => {
    const secret = main.params.find((p) => p.name === "linkTokenSecret");
    expect(secret?.decorators.map((d) => d.name)).toContain("secure");
    const keyVault = readBicepFile(join(infra, "modules", "key-vault.bicep"));
    expect(keyVault.params.find((p) => p.name === "linkTokenSecret")?.decorators.map((d) => d.name)).toContain("secure");
    for (const path of bicepFiles) {
      for (const output of readBicepFile(path).outputs) {
        const text = output.value.kind === "expression" ? output.value.tokens.map((t) => t.text).join("") : "";
        expect(text).not.toMatch(/\blinkTokenSecret\b/);
      }
    }
  });

  it("azure.yaml names the api service as a TypeScript Function App from the repository root, and the preprovision hook", () => {
    const yaml = readFileSync(join(root, "azure.yaml"), "utf8");
    expect(yaml).toMatch(/^name: partner-relationships$/m);
    expect(yaml).toMatch(/^services:\n {2}api:\n {4}project: \.\n {4}language: ts\n {4}host: function$/m);
    expect(yaml).toMatch(/^infra:\n {2}provider: bicep\n {2}path: infra$/m);
    expect(yaml.match(/run: node infra\/hooks\/ensure-link-token-secret\.mjs/g)).toHaveLength(2);
    expect(yaml).not.toMatch(/\t/);
    const functionApp = readBicepFile(join(infra, "modules", "function-app.bicep"));
    const site = functionApp.resources.find((r) => r.typeReference.startsWith("Microsoft.Web/sites@"));
    const tags = entry(site?.body, "tags");
    expect(tags?.kind === "expression" && tags.tokens.some((t) => t.value === "azd-service-name") && tags.tokens.some((t) => t.value === "api")).toBe(true);
  });

  it("the Function App is Flex Consumption (FC1) on Node 22 with identity-based deployment storage", () => {
    const functionApp = readBicepFile(join(infra, "modules", "function-app.bicep"));
    const plan = functionApp.resources.find((r) => r.typeReference.startsWith("Microsoft.Web/serverfarms@"));
    expect(literal(entry(entry(plan?.body, "sku"), "name"), "sku.name")).toBe("FC1");
    expect(literal(entry(entry(plan?.body, "sku"), "tier"), "sku.tier")).toBe("FlexConsumption");
    const site = functionApp.resources.find((r) => r.typeReference.startsWith("Microsoft.Web/sites@"));
    const config = entry(entry(site?.body, "properties"), "functionAppConfig");
    expect(literal(entry(entry(config, "runtime"), "name"), "runtime.name")).toBe("node");
    expect(literal(entry(entry(config, "runtime"), "version"), "runtime.version")).toBe("22");
    expect(literal(entry(entry(entry(entry(config, "deployment"), "storage"), "authentication"), "type"), "authentication.type")).toBe("UserAssignedIdentity");
  });

  it("switches local (key) authentication off wherever the service has the switch", () => {
    const disabled = (file: string, typePrefix: string, path: readonly string[], expected: unknown = true) => {
      const resource = readBicepFile(join(infra, "modules", file)).resources.find((r) => r.typeReference.startsWith(typePrefix));
      let value = entry(resource?.body, "properties");
      for (const key of path) value = entry(value, key);
      expect(literal(value, `${typePrefix} ${path.join(".")}`)).toBe(expected);
    };
    disabled("cosmos.bicep", "Microsoft.DocumentDB/databaseAccounts@", ["disableLocalAuth"]);
    disabled("service-bus.bicep", "Microsoft.ServiceBus/namespaces@", ["disableLocalAuth"]);
    disabled("email.bicep", "Microsoft.Communication/communicationServices@", ["disableLocalAuth"]);
    disabled("storage.bicep", "Microsoft.Storage/storageAccounts@", ["allowSharedKeyAccess"], false);
    disabled("monitoring.bicep", "Microsoft.Insights/components@", ["DisableLocalAuth"]);
    disabled("monitoring.bicep", "Microsoft.OperationalInsights/workspaces@", ["features", "disableLocalAuth"]);
    disabled("key-vault.bicep", "Microsoft.KeyVault/vaults@", ["enableRbacAuthorization"]);
  });
});
