/**
 * Hostile requests for the pages, which are not in the OpenAPI document: every page route and method, with hostile
 * route segments, query parameters and form fields, sent signed out, with a broken session, or with one of the test's
 * sessions — usually with that session's own CSRF token and this site's Origin, so a form gets past the CSRF check
 * to the use case behind it.
 */
import fc from "fast-check";
import { asciiHeader, pathValue, queryFor, type ApiFuzzContext, type FuzzRequest, type Mode } from "./api-requests";
import { hostileHeaderValue, hostileString, wellFormed } from "./hostile-values";
import { asText } from "./schema-values";

export interface PageSessionForFuzz {
  readonly cookie: string;
  readonly csrf: string;
}

export interface PageFuzzContext extends ApiFuzzContext {
  readonly sessions: readonly PageSessionForFuzz[];
  readonly origin: string;
}

interface PageRoute {
  readonly methods: readonly string[];
  readonly template: string;
  readonly query?: readonly string[];
  readonly form?: readonly string[];
}

const contactFields = [
  "location",
  "contactName",
  "email",
  "phone",
  "organisationName",
  "organisationSize",
  "industry",
  "businessNeeds"
];
const assignmentFields = ["securityGroupId", "label", "role", "role"];
const invitationFields = [
  "templateId",
  "intent",
  "displayName",
  "partnerType",
  "adminEmail",
  "customerTenantId",
  "role",
  "role",
  "durationDays",
  "autoExtend",
  "idempotencyKey"
];
const templateFields = [
  "displayName",
  "partnerType",
  "role",
  "durationDays",
  "autoExtend",
  "version",
  "group-0-id",
  "group-0-label",
  "group-0-role",
  "group-1-id"
];

export const pageRoutes: readonly PageRoute[] = [
  { methods: ["GET"], template: "/" },
  { methods: ["GET"], template: "/{page}" },
  { methods: ["GET"], template: "/partners", query: ["name", "industry", "location", "partnerType", "page"] },
  { methods: ["GET", "POST"], template: "/partners/{partnerId}/contact", query: ["sent"], form: contactFields },
  {
    methods: ["GET", "POST"],
    template: "/customer-agreement",
    query: ["accepted"],
    form: ["acknowledged", "agreementVersion"]
  },
  { methods: ["GET"], template: "/customer-agreement/text" },
  { methods: ["GET"], template: "/invitations/{token}" },
  { methods: ["POST"], template: "/invitations/{token}/accept", form: ["acknowledged", "agreementVersion", "terms"] },
  { methods: ["POST"], template: "/invitations/{token}/decline" },
  { methods: ["GET"], template: "/partner-relationships", query: ["accepted", "declined"] },
  { methods: ["GET"], template: "/partner-relationships/status" },
  { methods: ["GET"], template: "/partner-relationships/{id}", query: ["removed", "terminated"] },
  { methods: ["GET"], template: "/partner-relationships/{id}/status" },
  { methods: ["GET", "POST"], template: "/partner-relationships/{id}/remove-roles" },
  { methods: ["GET", "POST"], template: "/partner-relationships/{id}/terminate" },
  {
    methods: ["GET", "POST"],
    template: "/partner/invitations",
    query: ["created", "done", "id", "page", "format"],
    form: invitationFields
  },
  { methods: ["GET", "POST"], template: "/partner/invitations/{id}/{action}", form: ["autoExtend"] },
  { methods: ["GET"], template: "/partner/relationships/{id}", query: ["done", "assignment"] },
  { methods: ["GET"], template: "/partner/relationships/{id}/status" },
  { methods: ["GET", "POST"], template: "/partner/relationships/{id}/assignments", form: assignmentFields },
  {
    methods: ["GET", "POST"],
    template: "/partner/relationships/{id}/assignments/{assignmentId}",
    form: [...assignmentFields, "version"]
  },
  { methods: ["GET", "POST"], template: "/partner/relationships/{id}/assignments/{assignmentId}/{action}" },
  { methods: ["GET"], template: "/purchases", query: ["sharing", "page"] },
  { methods: ["GET", "POST"], template: "/purchases/sharing", query: ["to"], form: ["enabled"] },
  {
    methods: ["GET", "POST"],
    template: "/partner/customers/{customerTenantId}/purchases",
    query: ["recorded", "page"],
    form: ["product", "quantity", "agreementNumber", "purchaseDate", "idempotencyKey"]
  },
  {
    methods: ["GET", "POST"],
    template: "/partner/customers/{customerTenantId}/devices",
    query: ["page"],
    form: ["manufacturer", "model", "file"]
  },
  { methods: ["GET"], template: "/devices", query: ["page", "removed"] },
  { methods: ["GET", "POST"], template: "/devices/{id}/remove" },
  { methods: ["GET", "POST"], template: "/partner/templates", query: ["saved", "deleted"], form: templateFields },
  { methods: ["GET", "POST"], template: "/partner/templates/{id}", query: ["created"], form: templateFields },
  { methods: ["POST"], template: "/partner/templates/{id}/{action}", form: ["version"] },
  {
    methods: ["GET", "POST"],
    template: "/partner/invitation-batches",
    query: ["page"],
    form: ["templateId", "csv", "idempotencyKey"]
  },
  { methods: ["GET"], template: "/partner/invitation-batches/{id}", query: ["format"] },
  { methods: ["GET", "HEAD"], template: "/static/{path}", query: ["v"] }
];

export function pageRequests(context: PageFuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...pageRoutes.flatMap((route) => route.methods.map((method) => pageRequestFor(route, method, context)))
  );
}

function pageRequestFor(route: PageRoute, method: string, context: PageFuzzContext): fc.Arbitrary<FuzzRequest> {
  const names = [...route.template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  const build = (mode: Mode) =>
    fc.record({
      path: fc
        .tuple(...names.map((name) => pathValue({ name }, context, mode)))
        .map((values) => names.reduce((path, name, i) => path.replace(`{${name}}`, values[i] ?? ""), route.template)),
      query: queryFor(
        (route.query ?? []).map((name) => ({ name })),
        context,
        mode
      ),
      session: mode === "plausible" ? fc.constantFrom(...context.sessions) : sessionFor(context),
      form: method === "POST" ? formFor(route.form ?? [], context, mode) : fc.constant(undefined),
      csrf: mode === "plausible" ? fc.constant("own") : fc.constantFrom("own", "own", "none", "hostile"),
      origin: mode === "plausible" ? fc.constant("own") : fc.constantFrom("own", "own", "none", "elsewhere", "null")
    });
  return fc
    .oneof({ weight: 2, arbitrary: build("plausible") }, { weight: 3, arbitrary: build("hostile") })
    .map(({ path, query, session: who, form, csrf, origin }) => {
      const headers: Record<string, string> = {};
      if (who) headers.cookie = asciiHeader(who.cookie);
      if (origin !== "none")
        headers.origin = origin === "own" ? context.origin : origin === "null" ? "null" : "https://elsewhere.example";
      let body: string | undefined;
      if (form !== undefined) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        const token = csrf === "own" ? who?.csrf : csrf === "hostile" ? "x" : undefined;
        body = [form, token === undefined ? "" : `csrf=${encodeURIComponent(token)}`].filter(Boolean).join("&");
      }
      return {
        label: `${method} ${route.template}`,
        method,
        target: query ? `${path}?${query}` : path,
        headers,
        ...(body === undefined ? {} : { body })
      };
    });
}

function sessionFor(context: PageFuzzContext): fc.Arbitrary<PageSessionForFuzz | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constantFrom(...context.sessions) },
    { weight: 1, arbitrary: hostileHeaderValue.map((value) => ({ cookie: `pr_session=${value}`, csrf: value })) }
  );
}

/** A form body: each field left out or plausible (from the hints); hostile adds hostile values and non-forms. */
function formFor(fields: readonly string[], context: PageFuzzContext, mode: Mode): fc.Arbitrary<string> {
  const plausible = (name: string) => context.hints[name] ?? fc.constantFrom("on", "yes", "1");
  const value = (name: string) =>
    (mode === "plausible" ? plausible(name) : fc.oneof(plausible(name), hostileString)).map((v) =>
      encodeURIComponent(wellFormed(asText(v)))
    );
  const pairs = fields.map((name) =>
    fc.option(
      value(name).map((v) => `${encodeURIComponent(name)}=${v}`),
      { freq: 4 }
    )
  );
  const form = fc.tuple(...pairs).map((parts) => parts.filter((part): part is string => part !== null).join("&"));
  if (mode === "plausible") return form;
  return fc.oneof(
    { weight: 6, arbitrary: form },
    { weight: 1, arbitrary: hostileString.map((text) => encodeURIComponent(wellFormed(text))) },
    { weight: 1, arbitrary: fc.constantFrom("%", "a=%FF", "=&=&", "a".repeat(70_000)) }
  );
}
