/**
 * Reads a JSON request body and validates it with a zod schema at the edge. Every way a body can be wrong —
 * too large, not JSON, wrong types, unknown fields — becomes a ValidationError naming the field, so the
 * caller gets a 400 problem+json and the inside only ever sees parsed types.
 */
import type { HttpRequest } from "@azure/functions";
import type { z } from "zod";
import { ValidationError, type FieldError } from "../errors";

export const defaultMaxBodyBytes = 64 * 1024;

export async function readJsonBody<T>(
  request: HttpRequest,
  schema: z.ZodType<T>,
  maxBytes = defaultMaxBodyBytes
): Promise<T> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  let json: unknown;
  if (bytes.length === 0) {
    json = undefined;
  } else {
    try {
      json = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      throw new ValidationError([{ field: "body", message: `not valid JSON (${(error as Error).message})` }]);
    }
  }
  if (json === undefined) throw new ValidationError([{ field: "body", message: "a JSON body is required" }]);
  return parseWith(schema, json);
}

/** Validates already-decoded input (query parameters, queue messages) the same way. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, root = ""): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(toFieldErrors(result.error.issues, root));
}

export function toFieldErrors(issues: readonly z.core.$ZodIssue[], root = ""): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [root, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors.push({ field: path ? `${path}.${key}` : key, message: "unknown field" });
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      errors.push({ field: path || "body", message: "required" });
    } else {
      errors.push({ field: path || "body", message: issue.message });
    }
  }
  return errors;
}

function tooLarge(maxBytes: number): ValidationError {
  return new ValidationError([{ field: "body", message: `larger than the ${maxBytes}-byte limit` }]);
}
