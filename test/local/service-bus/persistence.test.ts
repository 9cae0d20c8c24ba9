import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServiceBusReceivedMessage } from "@azure/service-bus";
import { describe, it, type TestContext } from "vitest";
import {
  newClient,
  receiveAtLeast,
  startEmulatorProcess,
  startTestBus,
  testQueue,
  type EmulatorProcess
} from "../../helpers/service-bus";

// Concurrent tests must register clean-ups on their own context, not through the global hook.
function temporaryDir(onTestFinished: TestContext["onTestFinished"]): string {
  const dir = mkdtempSync(join(tmpdir(), "service-bus-emulator-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe.concurrent("Service Bus emulator: persistence", () => {
  it("keeps every kind of message across a restart and frees the locks that were held", async ({
    expect,
    onTestFinished
  }) => {
    const dataDir = temporaryDir(onTestFinished);
    const queue = testQueue("persist");
    const first = await startTestBus([queue], dataDir);
    onTestFinished(() => first.close());
    const sender = first.client.createSender(queue.name);
    await sender.sendMessages(["locked", "deferred", "dead", "waiting"].map((body) => ({ body, messageId: body })));
    const [scheduledSeq] = await sender.scheduleMessages({ body: "scheduled" }, new Date(Date.now() + 60_000));
    const receiver = first.client.createReceiver(queue.name, { maxAutoLockRenewalDurationInMs: 0 });
    const [locked, deferred, dead] = await receiveAtLeast(receiver, 3);
    await receiver.deferMessage(deferred as ServiceBusReceivedMessage);
    await receiver.deadLetterMessage(dead as ServiceBusReceivedMessage, {
      deadLetterReason: "Broken",
      deadLetterErrorDescription: "kept on disk"
    });
    expect(locked?.body).toBe("locked");
    await first.close();

    const second = await startTestBus([queue], dataDir);
    onTestFinished(() => second.close());
    expect(second.emulator.counts()[queue.name]).toEqual({
      active: 2,
      locked: 0,
      deferred: 1,
      scheduled: 1,
      deadLettered: 1
    });
    const again = second.client.createReceiver(queue.name);
    const active = await receiveAtLeast(again, 2);
    expect(active.map((message) => message.body)).toEqual(["locked", "waiting"]);
    expect(active[0]?.sequenceNumber?.toNumber()).toBe(locked?.sequenceNumber?.toNumber());
    for (const message of active) await again.completeMessage(message);
    const [stillDeferred] = await again.receiveDeferredMessages(
      deferred?.sequenceNumber as NonNullable<ServiceBusReceivedMessage["sequenceNumber"]>
    );
    expect(stillDeferred?.body).toBe("deferred");
    await again.completeMessage(stillDeferred as ServiceBusReceivedMessage);
    const [scheduled] = await again.peekMessages(1, {
      fromSequenceNumber: scheduledSeq as NonNullable<typeof scheduledSeq>
    });
    expect(scheduled?.state).toBe("scheduled");
    const deadLetters = second.client.createReceiver(queue.name, {
      subQueueType: "deadLetter",
      receiveMode: "receiveAndDelete"
    });
    const [deadAgain] = await receiveAtLeast(deadLetters, 1);
    expect(deadAgain?.body).toBe("dead");
    expect(deadAgain?.deadLetterReason).toBe("Broken");
    expect(deadAgain?.deadLetterErrorDescription).toBe("kept on disk");
    // Sequence numbers carry on where the first run stopped.
    await second.client.createSender(queue.name).sendMessages({ body: "after restart" });
    const [fresh] = await receiveAtLeast(again, 1);
    expect(fresh?.sequenceNumber?.toNumber()).toBe(6);
  });

  it("loses no acknowledged message when the process is killed with SIGKILL", async ({ expect, onTestFinished }) => {
    const dataDir = temporaryDir(onTestFinished);
    const queue = `killed-${randomUUID().slice(0, 8)}`;
    const args = ["--port", "0", "--data-dir", dataDir, "--queue", `${queue}:5:3`, "--quiet"];
    const processes: EmulatorProcess[] = [];
    onTestFinished(() => {
      for (const running of processes) running.child.kill("SIGKILL");
    });

    const first = await startEmulatorProcess(args);
    processes.push(first);
    const client = newClient(first.connectionString);
    const sender = client.createSender(queue);
    await Promise.all(
      Array.from({ length: 40 }, (_unused, index) => sender.sendMessages({ body: index, messageId: `single-${index}` }))
    );
    await sender.sendMessages(
      Array.from({ length: 40 }, (_unused, index) => ({ body: 40 + index, messageId: `batched-${index}` }))
    );
    // One message is locked at the moment of the crash (locks outlive the receiver's link); it must come back too.
    const holder = client.createReceiver(queue, { maxAutoLockRenewalDurationInMs: 0 });
    expect(await holder.receiveMessages(1, { maxWaitTimeInMs: 3000 })).toHaveLength(1);
    // Close the client first: the SDK would otherwise keep trying to reconnect to the dead process.
    await client.close();
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    const second = await startEmulatorProcess(args);
    processes.push(second);
    const secondClient = newClient(second.connectionString);
    const receiver = secondClient.createReceiver(queue, { receiveMode: "receiveAndDelete" });
    const received = await receiveAtLeast(receiver, 80, 10_000);
    expect(received.map((message) => message.body as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 80 }, (_unused, index) => index)
    );
    await secondClient.close();
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    // The clean stop folded the journal into the snapshot: nothing left to replay.
    expect(readFileSync(join(dataDir, "service-bus.journal.jsonl"), "utf8")).toBe("");
  });
});
