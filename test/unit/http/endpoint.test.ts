import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { endpointWith, json } from "../../../shared/http/endpoint";

const request = () => new HttpRequest({ method: "GET", url: "https://partners.example/api/x" });
const context = () =>
  new InvocationContext({ invocationId: "inv-1", functionName: "test", logHandler: () => undefined });
const bound = { name: "bound services" };

async function call(
  handler: Parameters<ReturnType<typeof endpointWith<typeof bound>>>[0],
  services: () => typeof bound = () => bound
) {
  return (await endpointWith(services)(handler)(request(), context())) as HttpResponseInit & {
    headers: Record<string, string>;
  };
}

const brokenSettings = () => {
  throw new Error("Invalid configuration: COSMOS_ENDPOINT is missing");
};

describe("endpointWith()", () => {
  it("hands the handler the bound services and the invocation, and adds the API headers", async () => {
    const response = await call(async (_request, services, invocation) =>
      json({ same: services === bound, invocation: invocation.invocationId })
    );
    expect(response.jsonBody).toEqual({ same: true, invocation: "inv-1" });
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("answers a 500 problem that leaks nothing when the services cannot be built (settings that do not parse)", async () => {
    const response = await call(async (_request, services) => json({ name: services.name }), brokenSettings);
    expect(response.status).toBe(500);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(String(response.body)).not.toContain("COSMOS_ENDPOINT");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("does not build the services for a handler that takes none, so static answers survive broken settings", async () => {
    const response = await call(async () => json({ value: ["roles"] }), brokenSettings);
    expect(response.status).toBe(200);
    expect(response.jsonBody).toEqual({ value: ["roles"] });
  });
});
