import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { base64url, importJWK, SignJWT, type JWK, type JWTPayload, type KeyLike } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevIssuer, devIssuerAudience } from "../../../local/dev-issuer/dev-issuer";
import { signingKeyPath } from "../../../local/dev-issuer/signing-key";
import { createTokenVerifier, type TokenVerifier } from "../../../shared/auth/token-verifier";
import { AuthenticationError, TransientError } from "../../../shared/errors";
import { removeDataDir, serveDevIssuer, tempDataDir, type ServedIssuer } from "../../local/dev-issuer/issuer-server";

const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";

let served: ServedIssuer;
let verifier: TokenVerifier;
const dataDirs: string[] = [];

beforeAll(async () => {
  const dataDir = await tempDataDir();
  dataDirs.push(dataDir);
  served = await serveDevIssuer(dataDir);
  verifier = verifierFor(served);
});

afterAll(async () => {
  await served.stop();
  for (const dir of dataDirs) await removeDataDir(dir);
});

function verifierFor(
  target: ServedIssuer,
  overrides: { issuer?: string; clockToleranceSeconds?: number } = {}
): TokenVerifier {
  return createTokenVerifier({
    issuer: overrides.issuer ?? target.issuer.issuer,
    audience: target.issuer.audience,
    jwksUri: target.issuer.jwksUri,
    ...(overrides.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: overrides.clockToleranceSeconds })
  });
}

/** Signs any payload with the issuer's own stored key, for claims `issue()` would never leave out. */
async function signWithStoredKey(dataDir: string, payload: JWTPayload, kid?: string): Promise<string> {
  const stored = JSON.parse(await readFile(signingKeyPath(dataDir), "utf8")) as JWK & { kid: string };
  const key = (await importJWK(stored, "RS256")) as KeyLike;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, nbf: now, exp: now + 600, aud: devIssuerAudience, ...payload })
    .setProtectedHeader({ alg: "RS256", kid: kid ?? stored.kid })
    .sign(key);
}

async function refusal(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  expect((error as AuthenticationError).status).toBe(401);
  return error as AuthenticationError;
}

const bearer = (token: string): string => `Bearer ${token}`;

describe("createTokenVerifier with the dev issuer", () => {
  it("turns a valid token into the caller's Principal", async () => {
    const tenantId = randomUUID();
    const userId = randomUUID();
    const token = await served.issuer.issue({
      tenantId,
      userId,
      name: "Ada Admin",
      wids: [globalAdministrator],
      roles: ["Partner.Admin"]
    });
    await expect(verifier.verify(bearer(token))).resolves.toEqual({
      tenantId,
      userId,
      displayName: "Ada Admin",
      directoryRoles: [globalAdministrator],
      appRoles: ["Partner.Admin"]
    });
  });

  it("reads absent roles as none and falls back to preferred_username for the display name", async () => {
    const tid = randomUUID();
    const token = await signWithStoredKey(served.dataDir, {
      iss: `${served.url}/dev/issuer/${tid}/v2.0`,
      tid,
      oid: randomUUID(),
      preferred_username: "ada@contoso.example"
    });
    const principal = await verifier.verify(bearer(token));
    expect(principal).toMatchObject({
      tenantId: tid,
      displayName: "ada@contoso.example",
      directoryRoles: [],
      appRoles: []
    });
  });

  it("accepts the scheme name in any case", async () => {
    const token = await served.issuer.issue({ tenantId: randomUUID(), userId: randomUUID() });
    await expect(verifier.verify(`bearer ${token}`)).resolves.toMatchObject({ directoryRoles: [] });
  });

  it("refuses an expired token", async () => {
    const token = await served.issuer.issue({ tenantId: randomUUID(), userId: randomUUID(), expiresInSeconds: -120 });
    const error = await refusal(verifier.verify(bearer(token)));
    expect(error.message).toMatch(/expired/);
    expect(error.message).not.toContain(token);
  });

  it("allows a minute of clock skew on expiry by default, and none when told", async () => {
    const token = await served.issuer.issue({ tenantId: randomUUID(), userId: randomUUID(), expiresInSeconds: -20 });
    await expect(verifier.verify(bearer(token))).resolves.toBeDefined();
    await refusal(verifierFor(served, { clockToleranceSeconds: 0 }).verify(bearer(token)));
  });

  it("refuses a token that is not valid yet", async () => {
    const token = await served.issuer.issue({
      tenantId: randomUUID(),
      userId: randomUUID(),
      notBefore: new Date(Date.now() + 10 * 60_000)
    });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/not valid yet/);
  });

  it("refuses a token issued in the future beyond the clock skew, and accepts one within it", async () => {
    const tid = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: `${served.url}/dev/issuer/${tid}/v2.0`, tid, oid: randomUUID(), nbf: now, exp: now + 3600 };
    const future = await signWithStoredKey(served.dataDir, { ...claims, iat: now + 10 * 60 });
    expect((await refusal(verifier.verify(bearer(future)))).message).toMatch(/issue time/);
    const farFuture = await signWithStoredKey(served.dataDir, {
      ...claims,
      iat: now + 365 * 86_400,
      exp: now + 366 * 86_400
    });
    await refusal(verifier.verify(bearer(farFuture)));
    const skewed = await signWithStoredKey(served.dataDir, { ...claims, iat: now + 30 });
    await expect(verifier.verify(bearer(skewed))).resolves.toMatchObject({ tenantId: tid });
    await refusal(
      verifierFor(served, { clockToleranceSeconds: 0 }).verify(
        bearer(await signWithStoredKey(served.dataDir, { ...claims, iat: now + 30 }))
      )
    );
  });

  it("refuses a token without an issue time or a not-before time, as Entra always sends both", async () => {
    const tid = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `${served.url}/dev/issuer/${tid}/v2.0`,
      tid,
      oid: randomUUID(),
      iat: now,
      nbf: now,
      exp: now + 3600
    };
    expect(
      (await refusal(verifier.verify(bearer(await signWithStoredKey(served.dataDir, { ...claims, iat: undefined })))))
        .message
    ).toMatch(/iat/);
    expect(
      (await refusal(verifier.verify(bearer(await signWithStoredKey(served.dataDir, { ...claims, nbf: undefined })))))
        .message
    ).toMatch(/nbf/);
    await expect(verifier.verify(bearer(await signWithStoredKey(served.dataDir, claims)))).resolves.toMatchObject({
      tenantId: tid
    });
  });

  it("refuses a token for another audience", async () => {
    const token = await served.issuer.issue({
      tenantId: randomUUID(),
      userId: randomUUID(),
      audience: "api://someone-else"
    });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/audience/);
  });

  it("refuses a token from another issuer", async () => {
    const tenantId = randomUUID();
    const token = await served.issuer.issue({
      tenantId,
      userId: randomUUID(),
      issuer: `https://evil.example/${tenantId}/v2.0`
    });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/issuer/);
  });

  it("refuses a token whose iss names another tenant than its tid", async () => {
    const tenantId = randomUUID();
    const token = await served.issuer.issue({
      tenantId,
      userId: randomUUID(),
      issuer: `${served.url}/dev/issuer/${randomUUID()}/v2.0`
    });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/issuer/);
  });

  it("trusts exactly one tenant's issuer when configured without the template", async () => {
    const trustedTenant = randomUUID();
    const single = verifierFor(served, { issuer: `${served.url}/dev/issuer/${trustedTenant}/v2.0` });
    const trusted = await served.issuer.issue({ tenantId: trustedTenant, userId: randomUUID() });
    const other = await served.issuer.issue({ tenantId: randomUUID(), userId: randomUUID() });
    await expect(single.verify(bearer(trusted))).resolves.toMatchObject({ tenantId: trustedTenant });
    await refusal(single.verify(bearer(other)));
  });

  it("refuses a token signed by another issuer's key", async () => {
    const otherDir = await tempDataDir();
    dataDirs.push(otherDir);
    // Same URLs, different key: only the signature can tell them apart.
    const impostor = await createDevIssuer({ dataDir: otherDir, baseUrl: served.url });
    expect(impostor.kid).not.toBe(served.issuer.kid);
    const token = await impostor.issue({ tenantId: randomUUID(), userId: randomUUID() });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/unknown key/);
  });

  it("refuses a token signed by another key that claims the trusted key id", async () => {
    const otherDir = await tempDataDir();
    dataDirs.push(otherDir);
    await createDevIssuer({ dataDir: otherDir, baseUrl: served.url });
    const tid = randomUUID();
    const forged = await signWithStoredKey(
      otherDir,
      { iss: `${served.url}/dev/issuer/${tid}/v2.0`, tid, oid: randomUUID() },
      served.issuer.kid
    );
    expect((await refusal(verifier.verify(bearer(forged)))).message).toMatch(/signature/);
  });

  it("refuses a token without a tenant id", async () => {
    const token = await signWithStoredKey(served.dataDir, {
      iss: `${served.url}/dev/issuer/x/v2.0`,
      oid: randomUUID()
    });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/tid/);
  });

  it("refuses a token whose tenant id is not a GUID", async () => {
    const token = await signWithStoredKey(served.dataDir, {
      iss: `${served.url}/dev/issuer/contoso/v2.0`,
      tid: "contoso",
      oid: randomUUID()
    });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/tid/);
  });

  it("refuses a token without a user object id", async () => {
    const tid = randomUUID();
    const token = await signWithStoredKey(served.dataDir, { iss: `${served.url}/dev/issuer/${tid}/v2.0`, tid });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/oid/);
  });

  it("refuses a token without an expiry", async () => {
    const tid = randomUUID();
    const token = await signWithStoredKey(served.dataDir, {
      iss: `${served.url}/dev/issuer/${tid}/v2.0`,
      tid,
      oid: randomUUID(),
      exp: undefined
    });
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/exp/);
  });

  it("refuses an unsigned (alg none) token", async () => {
    const tid = randomUUID();
    const claims = {
      iss: `${served.url}/dev/issuer/${tid}/v2.0`,
      aud: devIssuerAudience,
      tid,
      oid: randomUUID(),
      exp: Math.floor(Date.now() / 1000) + 600
    };
    const unsigned = `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url.encode(JSON.stringify(claims))}.`;
    await refusal(verifier.verify(bearer(unsigned)));
  });

  it("refuses an HS256 token keyed with the public key set", async () => {
    // The classic confusion attack: an HMAC keyed with public material the attacker can download.
    const tid = randomUUID();
    const jwks = await (await fetch(served.issuer.jwksUri)).text();
    const token = await new SignJWT({ tid, oid: randomUUID() })
      .setProtectedHeader({ alg: "HS256", kid: served.issuer.kid })
      .setIssuer(`${served.url}/dev/issuer/${tid}/v2.0`)
      .setAudience(devIssuerAudience)
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(jwks));
    expect((await refusal(verifier.verify(bearer(token)))).message).toMatch(/RS256/);
  });

  it("refuses headers that do not carry a Bearer token, without echoing them", async () => {
    const token = await served.issuer.issue({ tenantId: randomUUID(), userId: randomUUID() });
    for (const header of [undefined, null, "", "   ", token, `Basic ${token}`, `Bearer`, `Bearer ${token} extra`]) {
      const error = await refusal(verifier.verify(header));
      expect(error.message).not.toContain(token);
    }
    expect((await refusal(verifier.verify(undefined))).message).toMatch(/missing/);
    expect((await refusal(verifier.verify(token))).message).toMatch(/Bearer/);
  });

  it("refuses a malformed token", async () => {
    expect((await refusal(verifier.verify("Bearer not.a.jwt"))).message).toMatch(/malformed/);
  });

  it("answers 503, not 401, when the signing keys cannot be fetched", async () => {
    const port = await closedPort();
    const unreachable = createTokenVerifier({
      issuer: served.issuer.issuer,
      audience: devIssuerAudience,
      jwksUri: `http://127.0.0.1:${port}/dev/issuer/keys`
    });
    const token = await served.issuer.issue({ tenantId: randomUUID(), userId: randomUUID() });
    const error = await unreachable.verify(bearer(token)).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBe(503);
  });

  it("keeps the signing key across restarts, so earlier tokens still verify", async () => {
    const dataDir = await tempDataDir();
    dataDirs.push(dataDir);
    const first = await serveDevIssuer(dataDir);
    const token = await first.issuer.issue({ tenantId: randomUUID(), userId: randomUUID(), roles: ["Partner.Admin"] });
    const firstIssuer = first.issuer.issuer;
    await first.stop();

    const second = await serveDevIssuer(dataDir);
    try {
      expect(second.issuer.kid).toBe(first.issuer.kid);
      // Keys come from the restarted issuer only; the first one is gone.
      const afterRestart = createTokenVerifier({
        issuer: firstIssuer,
        audience: devIssuerAudience,
        jwksUri: second.issuer.jwksUri
      });
      await expect(afterRestart.verify(bearer(token))).resolves.toMatchObject({ appRoles: ["Partner.Admin"] });
      expect((await stat(signingKeyPath(dataDir))).mode & 0o777).toBe(0o600);
    } finally {
      await second.stop();
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
