/** A health probe that reads the database resource: one real round trip to Cosmos DB. */
import type { Database } from "@azure/cosmos";
import type { DependencyProbe } from "../health/check-health";

export function cosmosProbe(database: Database): DependencyProbe {
  return {
    name: "cosmos",
    async check(signal) {
      await database.read({ abortSignal: signal });
    }
  };
}
