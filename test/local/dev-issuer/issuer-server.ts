/** A dev issuer served by a plain node:http server on a free port, the way the Functions host mounts it. */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevIssuer, type DevIssuer } from "../../../local/dev-issuer/dev-issuer";

export interface ServedIssuer {
  readonly url: string;
  readonly issuer: DevIssuer;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export async function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "dev-issuer-"));
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

/** The base URL is learned only after listening, as in the local runtime. */
export async function serveDevIssuer(dataDir: string): Promise<ServedIssuer> {
  const listening: { url?: string } = {};
  const issuer = await createDevIssuer({
    dataDir,
    baseUrl: () => {
      if (listening.url === undefined) throw new Error("not listening yet");
      return listening.url;
    }
  });
  const server = createServer((req, res) => {
    issuer.handleRequest(req, res).then(
      (handled) => {
        if (!handled) {
          res.statusCode = 404;
          res.end("not the issuer's");
        }
      },
      () => {
        res.statusCode = 500;
        res.end();
      }
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  listening.url = url;
  return {
    url,
    issuer,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
  };
}
