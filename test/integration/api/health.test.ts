import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startLocalRuntime } from "../../helpers/local-runtime";

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("GET /api/health", () => {
  it("answers 200 after a real round trip to Cosmos DB", async () => {
    const runtime = await startLocalRuntime();
    try {
      const response = await fetch(`${runtime.url}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", cosmos: "ok" });
    } finally {
      await runtime.stop();
    }
  });

  it("answers 503 problem+json when Cosmos DB is unreachable", async () => {
    const port = await closedPort();
    const runtime = await startLocalRuntime({
      args: ["--cosmos-connection-string", `AccountEndpoint=https://127.0.0.1:${port}/;AccountKey=bG9jYWw=;`]
    });
    try {
      const response = await fetch(`${runtime.url}/api/health`);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 503, cosmos: "unavailable" });
    } finally {
      await runtime.stop();
    }
  });
});
