import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { expectStartFailure, newDataDir, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

const functions = ["dist/test/fixtures/http/*.js"];
const running: LocalRuntime[] = [];
const cleanups: (() => void)[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((runtime) => runtime.kill()));
});
afterAll(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A data folder that has been used once and stopped cleanly: every store has its files. */
async function usedDataDir(): Promise<string> {
  const dataDir = newDataDir();
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const runtime = await startLocalRuntime({ dataDir, functions });
  expect(await runtime.stop()).toBe(0);
  return dataDir;
}

/** What a person reading the terminal sees: no stack trace, nothing of the file, the file named, a way out. */
function expectPlainExplanation(output: string, file: string, marker: string): void {
  expect(output).toContain(file);
  expect(output).toContain("--fresh --data-dir");
  expect(output).not.toContain(marker);
  expect(output).not.toMatch(/^\s+at /m);
  expect(output.length).toBeLessThan(2000);
}

describe("local runtime: damaged data at start", () => {
  it("names a damaged Cosmos DB snapshot, says what the journal holds and how to start anyway, and exits non-zero", async () => {
    const dataDir = await usedDataDir();
    const snapshot = join(dataDir, "cosmos", "snapshot.json");
    writeFileSync(snapshot, `{"version":1,"databases":[{"secret":"MARKER-TOKEN-${"x".repeat(1_300_000)}`);
    appendFileSync(join(dataDir, "cosmos", "journal.jsonl"), "");

    const { code, output } = await expectStartFailure({ dataDir, functions });

    expect(code).not.toBe(0);
    expectPlainExplanation(output, snapshot, "MARKER-TOKEN");
    expect(output).toMatch(/journal beside it holds \d+ readable change/);
  });

  it("names a damaged Service Bus snapshot the same way", async () => {
    const dataDir = await usedDataDir();
    const snapshot = join(dataDir, "service-bus", "service-bus.snapshot.jsonl");
    appendFileSync(snapshot, '{"o":"add","q":"invitation-emails","s":9,"m":"MARKER-TOKEN\n');

    const { code, output } = await expectStartFailure({ dataDir, functions });

    expect(code).not.toBe(0);
    expectPlainExplanation(output, snapshot, "MARKER-TOKEN");
  });

  it("names a link-token secret file a power loss left empty instead of starting with a broken secret", async () => {
    const dataDir = await usedDataDir();
    const secret = join(dataDir, "secrets", "link-token-secret");
    writeFileSync(secret, "");

    const { code, output } = await expectStartFailure({ dataDir, functions });

    expect(code).not.toBe(0);
    expect(output).toContain(secret);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it("logs every damaged journal and mailbox line it skips, with file and line number, and starts", async () => {
    const dataDir = await usedDataDir();
    const mail = {
      id: "m1",
      from: "a@x.test",
      to: ["b@x.test"],
      subject: "kept",
      html: "",
      text: "t",
      receivedAt: new Date().toISOString()
    };
    writeFileSync(
      join(dataDir, "email", "mailbox.jsonl"),
      `${JSON.stringify(mail)}\nMARKER-TOKEN not json\n${JSON.stringify({ ...mail, id: "m2" })}\n`
    );
    appendFileSync(join(dataDir, "service-bus", "service-bus.journal.jsonl"), "MARKER-TOKEN not json\n");
    appendFileSync(join(dataDir, "cosmos", "journal.jsonl"), "MARKER-TOKEN not json\n");

    const runtime = await startLocalRuntime({ dataDir, functions });
    running.push(runtime);

    const output = runtime.output();
    expect(output).toContain(`${join(dataDir, "email", "mailbox.jsonl")} line 2: skipped`);
    expect(output).toContain(`${join(dataDir, "service-bus", "service-bus.journal.jsonl")} line 1: skipped`);
    expect(output).toContain(`${join(dataDir, "cosmos", "journal.jsonl")} line 1: skipped`);
    expect(output).not.toContain("MARKER-TOKEN");
    const mailbox = (await (await fetch(`${runtime.url}/dev/mailbox.json`)).json()) as unknown[];
    expect(mailbox).toHaveLength(2);
  });
});

describe("local runtime on a full disk", () => {
  it("keeps firing a timer whose schedule status cannot be saved", async () => {
    const dataDir = newDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const runtime = await startLocalRuntime({
      dataDir,
      functions: ["dist/test/fixtures/timers/*.js"],
      env: { YEARLY_SCHEDULE: "0 0 0 1 1 *" }
    });
    running.push(runtime);
    const ticks = async () =>
      ((await (await fetch(`${runtime.url}/api/fixture/ticks`)).json()) as { name: string }[]).filter(
        (tick) => tick.name === "everySecond"
      ).length;
    await expect.poll(ticks, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    // From now on every write of this timer's status file fails (a folder is in the way).
    const status = join(dataDir, "timers", "everySecond.json");
    rmSync(status, { force: true });
    mkdirSync(status);
    const before = await ticks();

    await expect.poll(ticks, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2);
    expect(runtime.output()).toContain("schedule status was not saved");
    expect(runtime.output()).not.toMatch(/^\s+at /m);
  });

  it("says in one line that the disk holding the data folder is full, and exits non-zero", async () => {
    const dataDir = fullDataDir();

    const { code, output } = await expectStartFailure({ dataDir, functions });

    expect(code).not.toBe(0);
    const lines = output.split("\n").filter((line) => line.trim() !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toContain("ENOSPC");
  });
});

/**
 * A data folder on a full disk: a 3 MB tmpfs filled to the last byte, or, where mounting is not allowed, a folder
 * whose first file the runtime writes is /dev/full, which answers every write with ENOSPC.
 */
function fullDataDir(): string {
  const mountPoint = mkdtempSync(join(tmpdir(), "full-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint], { stdio: "ignore" });
  } catch {
    const dataDir = join(mountPoint, "data");
    mkdirSync(join(dataDir, "cosmos"), { recursive: true });
    symlinkSync("/dev/full", join(dataDir, "cosmos", "snapshot.json.tmp"));
    cleanups.push(() => rmSync(mountPoint, { recursive: true, force: true }));
    return dataDir;
  }
  cleanups.push(() => {
    try {
      execFileSync("umount", [mountPoint], { stdio: "ignore" });
    } catch {
      execFileSync("umount", ["-l", mountPoint], { stdio: "ignore" });
    }
    rmSync(mountPoint, { recursive: true, force: true });
  });
  const dataDir = join(mountPoint, "data");
  mkdirSync(dataDir);
  const fd = openSync(join(mountPoint, "ballast.bin"), "a");
  const chunk = Buffer.alloc(512, 0x61);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // full
  } finally {
    closeSync(fd);
  }
  return dataDir;
}
