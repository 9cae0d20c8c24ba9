/**
 * The descriptive parts of the OpenAPI document that are not schemas: who publishes it and under what licence,
 * what each tag covers, and each operation's description. An operation's description is written from what the
 * route table already knows (who may call it, what it answers, which errors in which body), so it cannot say
 * something the endpoint does not do; an operation may add a sentence of its own.
 */
import type { ApiOperation, ProblemStatus } from "./openapi";

/** The product is not open source; the identifier follows SPDX's form for a licence of one's own. */
export const apiLicense = { name: "Proprietary: all rights reserved", identifier: "LicenseRef-Proprietary" } as const;

export const apiContact = {
  name: "Partner relationships operations (the Operator role holders of the deployment's operator tenant)"
} as const;

/** Every tag the route table uses, with what it covers; a tag missing here fails the document build. */
export const apiTags: Readonly<Record<string, string>> = {
  Public:
    "Reference data (roles, partner types, the customer agreement), the partner directory, health and this document. No token.",
  Partner:
    "A partner's relationships, access assignments, operations, devices, templates and bulk invitations. The caller signs in to a registered partner tenant; writing needs the app role Partner.Admin, and inviting an approved, unsuspended partner.",
  "MPSA purchases":
    "Purchases under the Microsoft Products and Services Agreement: partners with an accepted MPSA relationship record them, and the customer decides whether its MPSA partners see each other's.",
  Onboarding:
    "A tenant applies to become a partner: a Global Administrator of that tenant or a user with Partner.Admin.",
  Operator:
    "The operator decides on partner applications and suspends or reinstates partners: the app role Operator, in the operator tenant only.",
  Customer:
    "The customer tenant's side: the invitation behind an emailed link, its partner relationships, the agreement and the devices OEMs registered. Roles come from the token's wids.",
  Access:
    "The consuming platform's question: may this partner (or a member of these security groups) act with this role in this customer tenant right now? One point read.",
  Graph:
    "Microsoft Graph v1.0's GDAP API (tenantRelationships) over the same relationships, for partners who automate through the Graph SDK: change only the base URL. Errors use Graph's error body.",
  AOBO: "What a partner acting on behalf of a customer can reach."
};

const audience: Record<ApiOperation["access"], string> = {
  public: "No token needed.",
  signedIn: "Needs a bearer token for this API from Microsoft Entra ID (locally, the development issuer)."
};

/** The description of one operation: its summary, an optional sentence of its own, who may call it, its answers. */
export function describeOperation(operation: ApiOperation, errorStatuses: readonly ProblemStatus[]): string {
  const errorBody = operation.errorFormat === "graph" ? "Microsoft Graph's error body" : "RFC 9457 problem+json";
  const own = errorStatuses.filter((status) => status !== 413);
  const errors = [
    own.length === 0 ? "It answers no error of its own." : `Errors (${errorBody}): ${own.join(", ")}.`,
    errorStatuses.includes(413) ? "The host itself answers 413 to a request body over its limit." : undefined
  ];
  return [
    /[.?!]$/.test(operation.summary) ? operation.summary : `${operation.summary}.`,
    operation.description,
    audience[operation.access],
    `Success: ${operation.success.status} (${operation.success.description}).`,
    ...errors
  ]
    .filter((part): part is string => part !== undefined)
    .join(" ");
}

export function tagObjects(operations: readonly ApiOperation[]): { name: string; description: string }[] {
  return [...new Set(operations.map((operation) => operation.tag))].map((name) => {
    const description = apiTags[name];
    if (description === undefined)
      throw new Error(`The OpenAPI tag ${name} has no description in openapi-metadata.ts.`);
    return { name, description };
  });
}
