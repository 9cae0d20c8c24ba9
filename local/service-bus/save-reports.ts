/**
 * One log line when the emulator's changes start failing to save (a full disk) and one when they are saved again,
 * instead of a line for every refused send or settlement.
 */
import type { Durable } from "./journal";

export function reportOnChange(log: (line: string) => void): Durable {
  let failing: string | undefined;
  return (error) => {
    if (error === undefined) {
      if (failing !== undefined) log("service-bus: changes are saved again");
      failing = undefined;
    } else if (failing !== error.message) {
      failing = error.message;
      log(`service-bus: refusing changes until they can be saved: ${error.message}; delivery keeps working`);
    }
  };
}
