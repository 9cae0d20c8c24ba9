/** Query strings and headers, validated like bodies: a bad value is a 400 naming the parameter. */
import type { HttpRequest } from "@azure/functions";
import type { z } from "zod";
import { clientAddressOf } from "../limits/client-address";
import { parseWith } from "./json-body";

/** `lists` names the parameters that may be repeated: they are read as arrays (`?g=a&g=b` → `["a", "b"]`). */
export function readQuery<T>(request: HttpRequest, schema: z.ZodType<T>, lists: readonly string[] = []): T {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of request.query.entries())
    query[key] = lists.includes(key) ? [...((query[key] as string[] | undefined) ?? []), value] : value;
  return parseWith(schema, query);
}

export function readHeader<T>(request: HttpRequest, name: string, schema: z.ZodType<T>): T | undefined {
  const value = request.headers.get(name);
  if (value === null) return undefined;
  return parseWith(schema, value, name);
}

export function readRouteParam<T>(request: HttpRequest, name: string, schema: z.ZodType<T>): T {
  return parseWith(schema, request.params[name], name);
}

/** Who is calling, as the platform's front end reports it in X-Forwarded-For (see shared/limits/client-address.ts). */
export function readClientAddress(request: HttpRequest, proxyHops: number): string {
  return clientAddressOf(request.headers.get("x-forwarded-for"), proxyHops);
}
