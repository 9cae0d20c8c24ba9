/**
 * What the embedded server answers around a write. A change that could not be saved (the disk is full, the device
 * failed) was already undone; it is answered as Azure Cosmos DB answers when it cannot take a request right now:
 * 503 with a retry-after, which the product treats as a passing failure. A request that changed something is
 * answered only once the journal is on the device, so no write is acknowledged that a power loss could take back.
 * Reads do not wait: whatever a reader writes here next lands later in the same journal, so no flush can keep the
 * reader's write and lose what it read.
 */
import { StorageError } from "../storage/storage-errors";
import { wrapRouteHandlers } from "./cosmos-internals";
import { runningJournal } from "./cosmos-persistence";

const retryAfterSeconds = 1;

export function answerOnlyWhatIsSaved(): void {
  wrapRouteHandlers((handler) => async (account, req, res, params) => {
    try {
      const journal = runningJournal();
      const changesBefore = journal?.changes ?? 0;
      const body = await handler(account, req, res, params);
      if (journal !== undefined && journal.changes !== changesBefore) await journal.durable();
      return body;
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      res.statusCode = 503;
      res.setHeader("retry-after", String(retryAfterSeconds));
      res.setHeader("x-ms-retry-after-ms", String(retryAfterSeconds * 1000));
      return {
        code: "ServiceUnavailable",
        message: `The local Cosmos DB could not save this change, so it made none: ${error.message}. Try again once there is space.`
      };
    }
  });
}
