/**
 * Values generated from the JSON Schemas in the OpenAPI document: valid ones (so requests get past the schema to
 * the rules, the stores and the queues behind it) and, with `mutate`, the same shapes with hostile values put in at
 * any depth, unknown fields added and required ones left out. Hints name plausible values for fields whose meaning
 * a schema does not carry (a partner type, a role id, the agreement version).
 */
import fc from "fast-check";
import { hostileJsonValue, hostileString } from "./hostile-values";

export type JsonSchema = { readonly [key: string]: unknown };

export interface SchemaContext {
  /** The whole document, for `$ref`s into `components`. */
  readonly document: JsonSchema;
  /** Plausible values by field or parameter name. */
  readonly hints: Readonly<Record<string, fc.Arbitrary<unknown>>>;
}

const maxDepth = 6;

export function valueFor(
  schema: JsonSchema,
  context: SchemaContext,
  options: { mutate: boolean; name?: string; depth?: number }
): fc.Arbitrary<unknown> {
  const depth = options.depth ?? 0;
  const resolved = resolve(schema, context.document);
  const hint = options.name ? context.hints[options.name] : undefined;
  // Unmutated values follow the hint alone: one implausible field is enough to stop a request at the first rule.
  if (!options.mutate) return hint ?? shapeOf(resolved, context, false, depth);
  const valid = hint
    ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: shapeOf(resolved, context, true, depth) })
    : shapeOf(resolved, context, true, depth);
  return fc.oneof({ weight: 7, arbitrary: valid }, { weight: 1, arbitrary: hostileJsonValue });
}

function shapeOf(schema: JsonSchema, context: SchemaContext, mutate: boolean, depth: number): fc.Arbitrary<unknown> {
  if (depth > maxDepth) return fc.constant(null);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((alternative) => valueFor(alternative, context, { mutate, depth: depth + 1 })));
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case "string":
      return stringFor(schema);
    case "integer":
    case "number":
      return numberFor(schema);
    case "boolean":
      return fc.boolean();
    case "array": {
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const maxItems = Math.min(Number(schema.maxItems ?? 4), 4);
      return fc.array(valueFor(items, context, { mutate, depth: depth + 1 }), { maxLength: maxItems });
    }
    case "object":
      return objectFor(schema, context, mutate, depth);
    default:
      return hostileJsonValue;
  }
}

function objectFor(schema: JsonSchema, context: SchemaContext, mutate: boolean, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const shape = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [
      name,
      valueFor(property, context, { mutate, name, depth: depth + 1 })
    ])
  );
  const requiredKeys = mutate ? [] : Object.keys(properties).filter((name) => required.has(name));
  const record = fc.record(shape, { requiredKeys });
  if (!mutate) return record;
  // Unknown fields, including the names a prototype or a store might take for its own.
  const extra = fc.dictionary(
    fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "id", "_etag", "partnerTenantId", "status")),
    hostileJsonValue,
    { maxKeys: 2 }
  );
  return fc
    .tuple(record, fc.option(extra, { freq: 4 }))
    .map(([value, added]) => (added ? { ...added, ...value } : value));
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Math.max(minLength, Math.min(Number(schema.maxLength ?? 40), 60));
  if (schema.format === "uuid") return fc.uuid();
  if (schema.format === "email") return fc.emailAddress();
  if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  if (typeof schema.pattern === "string") {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((text) => text.length >= minLength && text.length <= Number(schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot generate from: plain strings will do.
    }
  }
  return fc.string({ minLength, maxLength });
}

function numberFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === "number" ? schema.minimum : -1_000_000;
  const max = typeof schema.maximum === "number" ? schema.maximum : 1_000_000;
  return schema.type === "integer"
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true });
}

export function resolve(schema: JsonSchema, document: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === "string" && hops < 10; hops += 1) {
    const path = (current.$ref as string).replace(/^#\//, "").split("/");
    current = path.reduce<JsonSchema>((node, key) => (node[key] ?? {}) as JsonSchema, document);
  }
  return current;
}

/** A generated value as it goes in a URL, a header or a form: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}
