import { app, type InvocationContext, type Timer } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { timerSchedules } from "../shared/timers/schedules";
import { processRelationshipDates } from "../shared/timers/due-timers";

async function timerRelationshipDates(_timer: Timer, context: InvocationContext): Promise<void> {
  const summary = await processRelationshipDates(getServices(), context);
  context.log("Relationship dates run", JSON.stringify(summary));
}

app.timer("timerRelationshipDates", {
  schedule: timerSchedules.relationshipDates,
  runOnStartup: false,
  handler: timerRelationshipDates
});
