import { app, type InvocationContext, type Timer } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { timerSchedules } from "../shared/timers/schedules";
import { republishContactRequests } from "../shared/use-cases/republish-contact-requests";
import { republishOutbox } from "../shared/use-cases/republish-outbox";
import { finishOwedSharingAudits } from "../shared/use-cases/purchase-sharing";
import { republishBatchOutboxes } from "../shared/use-cases/republish-batch-outbox";

async function timerOutbox(_timer: Timer, context: InvocationContext): Promise<void> {
  // Nobody waits on a timer: its sends get the longer deadline, so a slow Service Bus still drains.
  const services = getServices();
  const patient = { ...services, publisher: services.backgroundPublisher };
  const summary = await republishOutbox(patient, context);
  if (summary.returned > 0) context.log("Outbox re-publish run", JSON.stringify(summary));
  const batches = await republishBatchOutboxes(patient, context);
  if (batches.returned > 0) context.log("Invitation batch outbox run", JSON.stringify(batches));
  const contacts = await republishContactRequests(patient);
  if (contacts.found > 0) context.log("Contact requests re-published", JSON.stringify(contacts));
  const audits = await finishOwedSharingAudits(services);
  if (audits.found > 0) context.log("Purchase-sharing audit records written", JSON.stringify(audits));
}

app.timer("timerOutbox", { schedule: timerSchedules.outbox, runOnStartup: false, handler: timerOutbox });
