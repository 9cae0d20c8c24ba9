import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevIssuer, devIssuerAudience } from "../../../local/dev-issuer/dev-issuer";
import { signingKeyPath } from "../../../local/dev-issuer/signing-key";
import { createTokenVerifier } from "../../../shared/auth/token-verifier";
import { removeDataDir, serveDevIssuer, tempDataDir, type ServedIssuer } from "./issuer-server";

let served: ServedIssuer;

beforeAll(async () => {
  served = await serveDevIssuer(await tempDataDir());
});

afterAll(async () => {
  await served.stop();
  await removeDataDir(served.dataDir);
});

function postToken(body: unknown, endpoint = `${served.url}/dev/issuer/token`): Promise<Response> {
  return fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body)
  });
}

async function problemFields(response: Response): Promise<string[]> {
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await response.json()) as { status: number; errors: { field: string }[] };
  expect(problem.status).toBe(400);
  return problem.errors.map((e) => e.field);
}

describe("dev issuer HTTP routes", () => {
  it("publishes the public key only", async () => {
    const response = await fetch(`${served.url}/dev/issuer/keys`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: served.issuer.kid });
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    for (const privateMember of ["d", "p", "q", "dp", "dq", "qi", "oth", "k"])
      expect(keys[0]).not.toHaveProperty(privateMember);
  });

  it("keeps the private key on disk, readable by the owner only", async () => {
    const stored = JSON.parse(await readFile(signingKeyPath(served.dataDir), "utf8")) as Record<string, unknown>;
    expect(stored).toMatchObject({ kty: "RSA", kid: served.issuer.kid });
    expect(typeof stored.d).toBe("string");
    expect((await stat(signingKeyPath(served.dataDir))).mode & 0o777).toBe(0o600);
  });

  it("serves an OpenID configuration per tenant, and the template for common", async () => {
    const tenantId = randomUUID();
    const perTenant = await fetch(`${served.url}/dev/issuer/${tenantId}/v2.0/.well-known/openid-configuration`);
    expect(perTenant.status).toBe(200);
    expect(await perTenant.json()).toMatchObject({
      issuer: `${served.url}/dev/issuer/${tenantId}/v2.0`,
      jwks_uri: `${served.url}/dev/issuer/keys`,
      token_endpoint: `${served.url}/dev/issuer/token`
    });
    const common = await fetch(`${served.url}/dev/issuer/common/v2.0/.well-known/openid-configuration`);
    expect(await common.json()).toMatchObject({ issuer: `${served.url}/dev/issuer/{tenantid}/v2.0` });
    expect((await fetch(`${served.url}/dev/issuer/contoso/v2.0/.well-known/openid-configuration`)).status).toBe(404);
  });

  it("issues a token the production verifier accepts", async () => {
    const tenantId = randomUUID();
    const userId = randomUUID();
    const wid = randomUUID();
    const response = await postToken({
      tenantId,
      userId,
      name: "Ada",
      wids: [wid],
      roles: ["Partner.Admin"],
      expiresInSeconds: 600
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 600 });
    const verifier = createTokenVerifier({
      issuer: served.issuer.issuer,
      audience: devIssuerAudience,
      jwksUri: served.issuer.jwksUri
    });
    await expect(verifier.verify(`Bearer ${body.access_token}`)).resolves.toEqual({
      tenantId,
      userId,
      displayName: "Ada",
      directoryRoles: [wid],
      appRoles: ["Partner.Admin"]
    });
  });

  it("issues ids in lower case, as Entra does", async () => {
    const tenantId = randomUUID();
    const response = await postToken({ tenantId: tenantId.toUpperCase(), userId: randomUUID().toUpperCase() });
    const { access_token: token } = (await response.json()) as { access_token: string };
    const verifier = createTokenVerifier({
      issuer: served.issuer.issuer,
      audience: devIssuerAudience,
      jwksUri: served.issuer.jwksUri
    });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ tenantId });
  });

  it("defaults the lifetime to an hour", async () => {
    const response = await postToken({ tenantId: randomUUID(), userId: randomUUID() });
    expect(await response.json()).toMatchObject({ expires_in: 3600 });
  });

  it("refuses bad token requests with a 400 problem naming each field", async () => {
    expect(await problemFields(await postToken({ tenantId: randomUUID() }))).toEqual(["userId"]);
    expect(await problemFields(await postToken({ tenantId: "contoso", userId: randomUUID() }))).toEqual(["tenantId"]);
    expect(
      await problemFields(
        await postToken({ tenantId: randomUUID(), userId: randomUUID(), wids: ["Global Administrator"] })
      )
    ).toEqual(["wids.0"]);
    expect(
      await problemFields(await postToken({ tenantId: randomUUID(), userId: randomUUID(), expiresInSeconds: 0 }))
    ).toEqual(["expiresInSeconds"]);
    expect(
      await problemFields(await postToken({ tenantId: randomUUID(), userId: randomUUID(), audience: "api://other" }))
    ).toEqual(["body"]);
    expect(await problemFields(await postToken("{not json"))).toEqual(["body"]);
    expect(await problemFields(await postToken(""))).toEqual(["body"]);
  });

  it("answers 405 for the wrong method and leaves other paths alone", async () => {
    const get = await fetch(`${served.url}/dev/issuer/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await fetch(`${served.url}/dev/issuer/keys`, { method: "POST" })).status).toBe(405);
    const elsewhere = await fetch(`${served.url}/dev/mailbox`);
    expect(await elsewhere.text()).toBe("not the issuer's");
  });

  it("uses a body that the host has already read when it is passed along", async () => {
    const issuer = await createDevIssuer({ baseUrl: "http://127.0.0.1:1" });
    // Like the Functions host's front door: the body is read before dev routes run.
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = req.url?.endsWith("?pass") ? Buffer.concat(chunks) : undefined;
        void issuer.handleRequest(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const body = JSON.stringify({ tenantId: randomUUID(), userId: randomUUID() });
      expect((await postToken(body, `${url}/dev/issuer/token?pass`)).status).toBe(200);
      const unpassed = await postToken(body, `${url}/dev/issuer/token`);
      expect(unpassed.status).toBe(500);
      expect(await unpassed.text()).toMatch(/consumed the request body/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("makes a new key per process without a data folder", async () => {
    const a = await createDevIssuer({ baseUrl: "http://127.0.0.1:1" });
    const b = await createDevIssuer({ baseUrl: "http://127.0.0.1:1" });
    expect(a.kid).not.toBe(b.kid);
    expect(a.issuer).toBe("http://127.0.0.1:1/dev/issuer/{tenantid}/v2.0");
    expect(a.jwksUri).toBe("http://127.0.0.1:1/dev/issuer/keys");
    expect(a.audience).toBe("api://partner-relationships");
  });
});
