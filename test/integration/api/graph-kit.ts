/**
 * What the /v1.0 (Graph) tests share: the routes, a relationship body as a Graph client writes it, Graph's error
 * body, and the customer's acceptance of a locked relationship through the customer API.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { call, roles, tokenFor, tokenOfLink, type ApiResponse } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";
import { acceptBody } from "./customer-api";

export const relationshipsPath = "/v1.0/tenantRelationships/delegatedAdminRelationships";
export const customersPath = "/v1.0/tenantRelationships/delegatedAdminCustomers";

export type GraphRelationship = Record<string, unknown> & {
  "@odata.etag": string;
  "@odata.context"?: string;
  id: string;
  displayName: string;
  status: string;
  statusDetail?: string;
  duration: string;
  endDateTime: string | null;
  customer: { tenantId: string | null; displayName: string | null; adminEmail?: string };
  invitationLink?: string;
};
export type GraphRequest = {
  "@odata.etag": string;
  id: string;
  action: string;
  status: string;
  invitationLink?: string;
};
export type GraphCollection<T> = {
  "@odata.context": string;
  "@odata.nextLink"?: string;
  "@odata.count"?: number;
  value: T[];
};
export type GraphError = {
  error: {
    code: string;
    message: string;
    target?: string;
    details?: { target: string }[];
    innerError: { "request-id": string; date: string };
  };
};

export function graphBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: `Graph ${randomUUID().slice(0, 8)}`,
    duration: "P2Y",
    accessDetails: {
      unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }, { roleDefinitionId: roles.userAdministrator }]
    },
    ...overrides
  };
}

/** Asserts Graph's error shape and returns it. */
export function graphError(response: ApiResponse<unknown>, status: number): GraphError["error"] {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  const body = response.body as GraphError;
  expect(body.error.innerError["request-id"]).toBe(response.headers.get("request-id"));
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  return body.error;
}

export class GraphClient {
  constructor(
    private readonly runtime: LocalRuntime,
    readonly token: string
  ) {}

  create(body: Record<string, unknown> = graphBody()) {
    return call<GraphRelationship>(this.runtime, "POST", relationshipsPath, { token: this.token, body });
  }

  async created(body: Record<string, unknown> = graphBody()): Promise<GraphRelationship> {
    const response = await this.create(body);
    if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.text}`);
    return response.body;
  }

  get(id: string) {
    return call<GraphRelationship>(this.runtime, "GET", `${relationshipsPath}/${id}`, { token: this.token });
  }

  list<T = GraphRelationship>(query = "", path = relationshipsPath) {
    return call<GraphCollection<T>>(this.runtime, "GET", `${path}${query}`, { token: this.token });
  }

  patch(id: string, body: Record<string, unknown>, etag?: string) {
    return call<GraphRelationship>(this.runtime, "PATCH", `${relationshipsPath}/${id}`, {
      token: this.token,
      body,
      headers: etag ? { "if-match": etag } : {}
    });
  }

  remove(id: string, etag?: string) {
    return call(this.runtime, "DELETE", `${relationshipsPath}/${id}`, {
      token: this.token,
      headers: etag ? { "if-match": etag } : {}
    });
  }

  request(id: string, action: string) {
    return call<GraphRequest>(this.runtime, "POST", `${relationshipsPath}/${id}/requests`, {
      token: this.token,
      body: { action }
    });
  }

  /** Created and locked for approval: the relationship (approvalPending) and its invitation link. */
  async locked(
    body: Record<string, unknown> = graphBody()
  ): Promise<{ relationship: GraphRelationship; link: string }> {
    const created = await this.created(body);
    const locked = await this.request(created.id, "lockForApproval");
    if (locked.status !== 201 || !locked.body.invitationLink)
      throw new Error(`lock failed: ${locked.status} ${locked.text}`);
    return { relationship: (await this.get(created.id)).body, link: locked.body.invitationLink };
  }
}

/** A Global Administrator of `customerTenantId` accepts through the customer API, as the emailed link's page does. */
export async function acceptAs(
  runtime: LocalRuntime,
  customerTenantId: string,
  link: string,
  preferredUsername?: string
): Promise<void> {
  const token = await tokenFor(runtime, {
    tenantId: customerTenantId,
    wids: [roles.globalAdministrator],
    name: "Customer GA",
    ...(preferredUsername ? { preferredUsername } : {})
  });
  const accepted = await call(runtime, "POST", `/api/invitations/${tokenOfLink(link)}/accept`, {
    token,
    body: acceptBody
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
}

/** Polls until `check` passes (the role-grants handler works asynchronously). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
