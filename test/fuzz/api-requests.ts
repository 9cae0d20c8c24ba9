/**
 * Hostile requests for every operation in the OpenAPI document (`GET /api/openapi.json`): every path and method,
 * with path parameters, query parameters, headers and bodies drawn from the operation's own schemas — valid, mutated
 * or plainly hostile — sent anonymously, with a broken token or with one of the valid tokens the test hands in.
 */
import fc from "fast-check";
import { hostileBodyText, hostileHeaderValue, hostileJsonValue, urlText, wellFormed } from "./hostile-values";
import { asText, resolve, valueFor, type JsonSchema, type SchemaContext } from "./schema-values";

export interface FuzzRequest {
  /** The operation or page it exercises, e.g. `PATCH /api/relationships/{id}`. */
  readonly label: string;
  readonly method: string;
  /** Path and query, already encoded as they go on the wire. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** 5xx answers the OpenAPI document declares for this operation (health's 503 when Cosmos DB is slow). */
  readonly documented5xx?: readonly number[];
}

export interface ApiFuzzContext extends SchemaContext {
  /** Valid access tokens the fuzz may use; none of them may change the data the test made before. */
  readonly bearerTokens: readonly string[];
  /** Ids and link tokens that name something that exists, so requests reach stored data. */
  readonly knownValues: Readonly<Record<string, readonly string[]>>;
}

interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body?: JsonSchema;
  readonly documented5xx: readonly number[];
}

export function operationsOf(document: JsonSchema): Operation[] {
  const paths = document.paths as Record<string, Record<string, JsonSchema>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const content = (operation.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content;
      const body = content?.["application/json"]?.schema;
      const documented5xx = Object.keys((operation.responses as JsonSchema | undefined) ?? {})
        .map(Number)
        .filter((status) => status >= 500);
      return {
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters as Parameter[] | undefined) ?? [],
        documented5xx,
        ...(body ? { body: resolve(body, document) } : {})
      };
    })
  );
}

export function apiRequests(context: ApiFuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operationsOf(context.document).map((operation) => requestFor(operation, context)));
}

/**
 * `plausible` requests are what a client of the API would send (valid shapes, a valid token), so they reach the
 * rules and the stores; `hostile` ones put hostile values anywhere. Both kinds are needed: only plausible requests get
 * deep enough for a hostile value in one field to matter.
 */
export type Mode = "plausible" | "hostile";

function requestFor(operation: Operation, context: ApiFuzzContext): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === "path");
  const queryParameters = operation.parameters.filter((p) => p.in === "query");
  const headerParameters = operation.parameters.filter((p) => p.in === "header");
  const build = (mode: Mode) =>
    fc.record({
      path: fc
        .tuple(...pathParameters.map((p) => pathValue(p, context, mode)))
        .map((values) => fillPath(operation.path, pathParameters, values)),
      query: queryFor(queryParameters, context, mode),
      headers: headersFor(headerParameters, context, mode, operation.body !== undefined),
      body: operation.body ? bodyFor(operation.body, context, mode) : fc.constant(undefined)
    });
  return fc
    .oneof({ weight: 2, arbitrary: build("plausible") }, { weight: 3, arbitrary: build("hostile") })
    .map(({ path, query, headers, body }) => ({
      label: `${operation.method} ${operation.path}`,
      method: operation.method,
      target: query ? `${path}?${query}` : path,
      headers,
      documented5xx: operation.documented5xx,
      ...(body === undefined ? {} : { body })
    }));
}

/** A value from the schema (or its hint), or one that names something that exists; hostile adds anything at all. */
function plausibleText(parameter: Pick<Parameter, "name" | "schema">, context: ApiFuzzContext): fc.Arbitrary<string> {
  const known = context.knownValues[parameter.name] ?? [];
  const fromSchema = valueFor(parameter.schema ?? {}, context, { mutate: false, name: parameter.name }).map((value) =>
    encodeURIComponent(wellFormed(asText(value)))
  );
  return known.length ? fc.oneof(fromSchema, fc.constantFrom(...known)) : fromSchema;
}

export function pathValue(
  parameter: Pick<Parameter, "name" | "schema">,
  context: ApiFuzzContext,
  mode: Mode
): fc.Arbitrary<string> {
  return mode === "plausible"
    ? plausibleText(parameter, context)
    : fc.oneof({ weight: 2, arbitrary: plausibleText(parameter, context) }, { weight: 3, arbitrary: urlText });
}

function fillPath(template: string, parameters: readonly Parameter[], values: readonly string[]): string {
  return parameters.reduce(
    (path, parameter, index) => path.replace(`{${parameter.name}}`, values[index] ?? ""),
    template
  );
}

export function queryFor(
  parameters: readonly Pick<Parameter, "name" | "schema">[],
  context: ApiFuzzContext,
  mode: Mode
): fc.Arbitrary<string> {
  const pair = (name: string) => (value: string) => `${encodeURIComponent(name)}=${value}`;
  const declared = parameters.map((parameter) =>
    fc.option(pathValue(parameter, context, mode).map(pair(parameter.name)), { freq: 2 })
  );
  const present = fc.tuple(...declared).map((values) => values.filter((part): part is string => part !== null));
  if (mode === "plausible") return present.map((parts) => parts.join("&"));
  const unknown = fc.option(
    fc.tuple(urlText, urlText).map(([name, value]) => `${name}=${value}`),
    { freq: 4 }
  );
  const repeated = fc.option(
    fc.constantFrom(...parameters.map((p) => p.name), "$top").chain((name) => urlText.map(pair(name))),
    { freq: 6 }
  );
  return fc
    .tuple(present, unknown, repeated)
    .map(([parts, extra, again]) => [...parts, extra, again].filter((part): part is string => Boolean(part)).join("&"));
}

function headersFor(
  parameters: readonly Parameter[],
  context: ApiFuzzContext,
  mode: Mode,
  hasBody: boolean
): fc.Arbitrary<Record<string, string>> {
  const validToken = fc.constantFrom(...context.bearerTokens).map((token) => `Bearer ${token}`);
  const authorization =
    mode === "plausible"
      ? validToken
      : fc.oneof(
          { weight: 2, arbitrary: fc.constant(undefined) },
          { weight: 4, arbitrary: validToken },
          { weight: 2, arbitrary: hostileHeaderValue }
        );
  const declared = parameters.map((parameter) => {
    const valid = valueFor(parameter.schema ?? {}, context, { mutate: false, name: parameter.name }).map(asText);
    return fc
      .option(mode === "plausible" ? valid : fc.oneof(valid, hostileHeaderValue), { freq: 3 })
      .map((value) => [parameter.name.toLowerCase(), value] as const);
  });
  const contentType = !hasBody
    ? fc.constant(undefined)
    : mode === "plausible"
      ? fc.constant("application/json")
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant("application/json") },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              "text/plain",
              "application/x-www-form-urlencoded",
              "application/json; charset=utf-16",
              ""
            )
          },
          { weight: 1, arbitrary: hostileHeaderValue }
        );
  return fc.tuple(authorization, contentType, fc.tuple(...declared)).map(([auth, type, pairs]) => {
    const headers: Record<string, string> = {};
    if (auth !== undefined) headers.authorization = asciiHeader(auth);
    if (type !== undefined) headers["content-type"] = asciiHeader(type);
    for (const [name, value] of pairs) if (value !== null) headers[name] = asciiHeader(value);
    return headers;
  });
}

function bodyFor(schema: JsonSchema, context: ApiFuzzContext, mode: Mode): fc.Arbitrary<string | undefined> {
  const valid = valueFor(schema, context, { mutate: false }).map((value) => JSON.stringify(value));
  if (mode === "plausible") return valid;
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    {
      weight: 4,
      arbitrary: valueFor(schema, context, { mutate: true }).map((value) => JSON.stringify(value) ?? "null")
    },
    { weight: 1, arbitrary: hostileJsonValue.map((value) => JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: hostileBodyText },
    { weight: 1, arbitrary: fc.constant(undefined) }
  );
}

/** What a client library lets through in a header: Latin-1 bytes without controls, and no leading or trailing space. */
export function asciiHeader(value: string): string {
  return value.replace(/[^\x20-\x7e\x80-\xff]/g, "?").trim();
}
