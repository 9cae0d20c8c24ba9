/**
 * Turning the directory's GET form and the Contact me form into the API's own schemas (directoryQuery,
 * contactPartnerBody), so the pages accept exactly what the API accepts, with messages a person can act on. The
 * `page` parameter is the API's signed `$skiptoken`, checked the same way (shared/http/paging.ts).
 */
import {
  contactPartnerBody,
  directoryQuery,
  type ContactPartnerBody,
  type DirectoryQuery
} from "../../api/public-schemas";
import type { FieldError } from "../../errors";
import { directoryScope, skipTokens, type SkipTokens } from "../../http/paging";
import { field } from "../forms";
import { contactFieldPaths, type ContactValues, type DirectoryFilters } from "../views/directory";

export interface DirectoryRequest {
  readonly filters: DirectoryFilters;
  readonly errors: FieldError[];
  /** Only when the filters and the page token are valid: what to search, and the paging for the next link. */
  readonly search?: { readonly query: DirectoryQuery; readonly continuation?: string; readonly paging: SkipTokens };
}

export function readDirectoryQuery(query: URLSearchParams, pagingSecret: Buffer): DirectoryRequest {
  const filters: DirectoryFilters = {
    ...optional("name", field(query, "name")),
    ...optional("industry", field(query, "industry")),
    ...optional("location", field(query, "location")),
    ...optional("partnerType", field(query, "partnerType"))
  };
  const parsed = directoryQuery.safeParse({ ...filters, ...optional("$skiptoken", field(query, "page")) });
  if (parsed.success) {
    const paging = skipTokens(pagingSecret, directoryScope(parsed.data));
    const page = paging.read(parsed.data.$skiptoken);
    if (!page) return { filters, errors: [{ field: "page", message: directoryMessages.$skiptoken as string }] };
    return {
      filters,
      errors: [],
      search: { query: parsed.data, paging, ...(page.continuation ? { continuation: page.continuation } : {}) }
    };
  }
  const errors = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "");
    return { field: name === "$skiptoken" ? "page" : name, message: directoryMessages[name] ?? "Check this filter." };
  });
  return { filters, errors };
}

const directoryMessages: Record<string, string> = {
  name: "Name must be at most 100 characters.",
  industry: "Industry must be at most 60 characters.",
  location: "Location must be at most 60 characters.",
  partnerType: "Choose a partner type from the list.",
  $skiptoken: "That page of results is no longer available; search again."
};

export function readContactForm(form: URLSearchParams): {
  values: ContactValues;
  body?: ContactPartnerBody;
  errors: FieldError[];
} {
  const values: ContactValues = Object.fromEntries(
    (Object.keys(contactFieldPaths) as (keyof ContactValues)[]).flatMap((name) => {
      const value = field(form, name);
      return value === undefined ? [] : [[name, value]];
    })
  );
  const parsed = contactPartnerBody.safeParse({
    location: values.location ?? "",
    contact: { name: values.contactName ?? "", email: values.email ?? "", ...optional("phone", values.phone) },
    organisationName: values.organisationName ?? "",
    organisationSize: values.organisationSize ?? "",
    industry: values.industry ?? "",
    businessNeeds: values.businessNeeds ?? ""
  });
  if (parsed.success) return { values, body: parsed.data, errors: [] };
  const byPath = new Map(Object.entries(contactFieldPaths).map(([name, path]) => [path, name]));
  const errors = new Map<string, FieldError>();
  for (const issue of parsed.error.issues) {
    const name = byPath.get(issue.path.join(".")) ?? "location";
    if (!errors.has(name)) errors.set(name, { field: name, message: contactMessages[name] ?? "Check this field." });
  }
  return { values, errors: [...errors.values()] };
}

const contactMessages: Record<string, string> = {
  location: "Enter your location (at most 100 characters).",
  contactName: "Enter your name (at most 100 characters).",
  email: "Enter an email address like name@example.com.",
  phone: "Enter a phone number like +44 20 7946 0000, or leave it empty.",
  organisationName: "Enter your organisation's name (at most 200 characters).",
  organisationSize: "Choose your organisation's size.",
  industry: "Enter your industry (at most 60 characters).",
  businessNeeds: "Describe your business needs (at most 2,000 characters)."
};

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
