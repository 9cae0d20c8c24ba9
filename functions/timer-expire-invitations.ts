import { app, type InvocationContext, type Timer } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { timerSchedules } from "../shared/timers/schedules";
import { expireInvitations } from "../shared/timers/due-timers";

async function timerExpireInvitations(_timer: Timer, context: InvocationContext): Promise<void> {
  const summary = await expireInvitations(getServices(), context);
  context.log("Invitation expiry run", JSON.stringify(summary));
}

app.timer("timerExpireInvitations", {
  schedule: timerSchedules.expireInvitations,
  runOnStartup: false,
  handler: timerExpireInvitations
});
