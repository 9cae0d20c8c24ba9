import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTokenCommand } from "../../../local/dev-issuer/token-command";
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

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runTokenCommand(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe("token CLI", () => {
  it("prints only a token that the verifier accepts", async () => {
    const tenant = randomUUID();
    const user = randomUUID();
    const [wid1, wid2] = [randomUUID(), randomUUID()];
    const result = await run([
      "--tenant",
      tenant,
      "--user",
      user,
      "--wids",
      `${wid1},${wid2}`,
      "--roles",
      "Partner.Admin",
      "--roles",
      "Partner.Reader",
      "--name",
      "Ada Admin",
      "--expires",
      "600",
      "--url",
      `${served.url}/`
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const verifier = createTokenVerifier({
      issuer: served.issuer.issuer,
      audience: served.issuer.audience,
      jwksUri: served.issuer.jwksUri
    });
    await expect(verifier.verify(`Bearer ${result.stdout.trim()}`)).resolves.toEqual({
      tenantId: tenant,
      userId: user,
      displayName: "Ada Admin",
      directoryRoles: [wid1, wid2],
      appRoles: ["Partner.Admin", "Partner.Reader"]
    });
  });

  it("explains missing and bad options on stderr and exits 1 without asking the issuer", async () => {
    const missing = await run(["--tenant", randomUUID(), "--url", "http://127.0.0.1:1"]);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toContain("--user is required");
    const bad = await run([
      "--tenant",
      "contoso",
      "--user",
      randomUUID(),
      "--expires",
      "soon",
      "--url",
      "http://127.0.0.1:1"
    ]);
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad.stderr).toMatch(/--tenant: .*--expires: /);
    const unknown = await run(["--tenant", randomUUID(), "--user", randomUUID(), "--audience", "x"]);
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toContain("--audience");
  });

  it("says the runtime is not running when nothing listens", async () => {
    const port = await closedPort();
    const result = await run(["--tenant", randomUUID(), "--user", randomUUID(), "--url", `http://127.0.0.1:${port}`]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toContain("npm start");
  });

  it("reports a server without the dev issuer", async () => {
    const server = createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await run(["--tenant", randomUUID(), "--user", randomUUID(), "--url", url]);
      expect(result).toMatchObject({ code: 1, stdout: "" });
      expect(result.stderr).toContain("no dev token issuer");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
