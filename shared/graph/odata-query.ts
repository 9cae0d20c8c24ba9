/**
 * The OData query options a /v1.0 list takes, checked against what that list supports (GraphListSpec):
 *   $top (1 to 300, default 100), $skiptoken (from @odata.nextLink), $count=true, $select=a,b,
 *   $orderby=property [asc|desc] (one property), $filter (odata-filter.ts).
 * Option names are read case-insensitively, as OData 4.01 allows ($skipToken is how Graph's pages write it).
 * Anything else — $expand, $search, $skip, a repeated option, an unknown property — is a 400 naming it.
 */
import type { HttpRequest } from "@azure/functions";
import { ValidationError, type FieldError } from "../errors";
import { parseFilter, type FilterCondition, type FilterField } from "./odata-filter";

export interface GraphListSpec {
  /** Properties `$select` may name (`id` and `@odata.etag` always come back). */
  readonly selectable: readonly string[];
  /** Properties `$orderby` may name. */
  readonly sortable: readonly string[];
  readonly defaultOrder: OrderBy;
  readonly filterable: Readonly<Record<string, FilterField>>;
}

export interface OrderBy {
  readonly property: string;
  readonly direction: "asc" | "desc";
}

export interface GraphListQuery {
  readonly top: number;
  readonly skipToken?: string;
  readonly count: boolean;
  readonly select?: readonly string[];
  readonly orderBy: OrderBy;
  readonly filter: readonly FilterCondition[];
}

export const maxTop = 300;
export const defaultTop = 100;
const options = ["$top", "$skiptoken", "$count", "$select", "$orderby", "$filter"] as const;
type OptionName = (typeof options)[number];

export function readGraphListQuery(request: HttpRequest, spec: GraphListSpec): GraphListQuery {
  const values = optionValues(request);
  const errors: FieldError[] = [];
  const top = readTop(values.$top, errors);
  const count = readCount(values.$count, errors);
  const select = readSelect(values.$select, spec, errors);
  const orderBy = readOrderBy(values.$orderby, spec, errors);
  if (values.$skiptoken !== undefined && values.$skiptoken.length > 4096)
    errors.push({ field: "$skiptoken", message: "is longer than any token this API hands out." });
  if (errors.length > 0) throw new ValidationError(errors);
  return {
    top,
    count,
    orderBy,
    filter: parseFilter(values.$filter, spec.filterable),
    ...(values.$skiptoken ? { skipToken: values.$skiptoken } : {}),
    ...(select ? { select } : {})
  };
}

/** What pages one listing: a continuation only makes sense for the same filter and order (paging.ts binds them). */
export function pagingFilterOf(query: GraphListQuery): Record<string, unknown> {
  return { filter: JSON.stringify(query.filter), orderBy: `${query.orderBy.property} ${query.orderBy.direction}` };
}

/** The resource with only the selected properties (and always `@odata.etag` and `id`). */
export function selected(
  resource: Record<string, unknown>,
  select: readonly string[] | undefined
): Record<string, unknown> {
  if (!select) return resource;
  const keep = new Set(["@odata.etag", "id", ...select]);
  return Object.fromEntries(Object.entries(resource).filter(([key]) => keep.has(key)));
}

function optionValues(request: HttpRequest): Partial<Record<OptionName, string>> {
  const values: Partial<Record<OptionName, string>> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of request.query.entries()) {
    const name = key.toLowerCase() as OptionName;
    if (!(options as readonly string[]).includes(name)) {
      errors.push({
        field: key,
        message: key.startsWith("$") ? "is not supported on this list." : "is not a query option this list takes."
      });
    } else if (values[name] !== undefined) {
      errors.push({ field: key, message: "is given more than once." });
    } else {
      values[name] = value;
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return values;
}

function readTop(text: string | undefined, errors: FieldError[]): number {
  if (text === undefined) return defaultTop;
  const top = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(top >= 1 && top <= maxTop))
    errors.push({ field: "$top", message: `must be a whole number from 1 to ${maxTop}.` });
  return top;
}

function readCount(text: string | undefined, errors: FieldError[]): boolean {
  if (text === undefined || text === "false") return false;
  if (text === "true") return true;
  errors.push({ field: "$count", message: "must be true or false." });
  return false;
}

function readSelect(text: string | undefined, spec: GraphListSpec, errors: FieldError[]): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !spec.selectable.includes(name));
  if (unknown.length > 0)
    errors.push({
      field: "$select",
      message: `names ${unknown.map((name) => JSON.stringify(name)).join(", ")}, not a property of this list; it has ${spec.selectable.join(", ")}.`
    });
  return names;
}

function readOrderBy(text: string | undefined, spec: GraphListSpec, errors: FieldError[]): OrderBy {
  if (text === undefined) return spec.defaultOrder;
  const match = /^\s*([A-Za-z/]+)(?:\s+(asc|desc))?\s*$/i.exec(text);
  if (!match) {
    errors.push({
      field: "$orderby",
      message: text.includes(",")
        ? "may name one property only."
        : "must be a property, optionally followed by asc or desc."
    });
    return spec.defaultOrder;
  }
  const property = match[1] as string;
  if (!spec.sortable.includes(property)) {
    errors.push({
      field: "$orderby",
      message: `cannot sort by ${JSON.stringify(property)}; this list sorts by ${spec.sortable.join(", ")}.`
    });
    return spec.defaultOrder;
  }
  return { property, direction: (match[2]?.toLowerCase() as "asc" | "desc" | undefined) ?? "asc" };
}
