/**
 * The embedded Cosmos DB for one machine: `@vercel/cosmosdb-server` over HTTPS on the real emulator's port,
 * reached by the app only through the real `@azure/cosmos` SDK, with its data kept under the data folder.
 */
import type { Server } from "node:https";
import type { AddressInfo } from "node:net";
import { createHttpsServer } from "@vercel/cosmosdb-server";
import { nodeFileIo, type FileIo } from "../storage/file-io";
import { captureAccounts, takeLastAccount } from "./cosmos-internals";
import { CosmosJournal } from "./cosmos-persistence";
import { throttleRequests, type CosmosThrottle } from "./throttling";
import { answerOnlyWhatIsSaved } from "./write-refusals";

/** The well-known key of Microsoft's Cosmos DB emulator: public, accepted by this server, useless elsewhere. */
export const emulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

export interface CosmosServerOptions {
  readonly hostname?: string;
  readonly port?: number;
  /** Folder for the snapshot and journal; undefined keeps data in memory only. */
  readonly dataDir?: string;
  /** Skipped journal records, refused writes and the like. */
  readonly log?: (line: string) => void;
  /** The file boundary the journal and snapshot are written through (tests make it fail). */
  readonly io?: FileIo;
}

export interface EmbeddedCosmos {
  readonly endpoint: string;
  readonly port: number;
  readonly connectionString: string;
  readonly restoredDocuments: number;
  /** Failure injection (local/cosmos/throttling.ts); absent for a Cosmos DB someone else runs. */
  readonly throttle?: CosmosThrottle;
  stop(): Promise<void>;
}

export async function startEmbeddedCosmos(options: CosmosServerOptions = {}): Promise<EmbeddedCosmos> {
  // 127.0.0.1, not localhost: the SDK hangs when the name resolves to ::1 first.
  const hostname = options.hostname ?? "127.0.0.1";
  captureAccounts();
  answerOnlyWhatIsSaved();
  const server: Server = createHttpsServer({ keepAlive: true });
  const throttle = throttleRequests(server);
  let journal: CosmosJournal | undefined;
  let restoredDocuments = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8081, hostname, () => {
      // Still inside the listening tick: no request can arrive before the data is back.
      try {
        if (options.dataDir) {
          journal = new CosmosJournal(
            takeLastAccount(),
            options.dataDir,
            options.io ?? nodeFileIo,
            options.log ?? (() => undefined)
          );
          restoredDocuments = journal.open().documents;
        }
        resolve();
      } catch (error) {
        server.close();
        reject(error);
      }
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `https://${hostname}:${port}/`;
  return {
    endpoint,
    port,
    connectionString: `AccountEndpoint=${endpoint};AccountKey=${emulatorKey};`,
    restoredDocuments,
    throttle,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await journal?.close();
    }
  };
}
