import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkDevice,
  hardwareHashMaxLength,
  hardwareHashMinLength,
  type DeviceInput
} from "../../../shared/domain/oem-devices";
import { mayReadRegistrations, registrationStanding } from "../../../shared/domain/oem-registration";
import type { RelationshipFacts } from "../../../shared/domain/accepted-relationships";
import { deviceIdFor } from "../../../shared/devices/device-records";

/** Base64 of exactly `length` characters (a multiple of 4). */
const hashOf = (length: number) => randomBytes((length / 4) * 3).toString("base64");
const valid = (overrides: Partial<DeviceInput> = {}): DeviceInput => ({
  hardwareHash: hashOf(4_000),
  serialNumber: "PF3XK2LM",
  windowsProductId: "3603000000000",
  manufacturer: "Lenovo",
  model: "ThinkPad X1 Carbon",
  ...overrides
});
const problemsOf = (input: DeviceInput) => {
  const checked = checkDevice(input);
  return checked.ok ? [] : checked.problems.map((problem) => problem.field);
};

describe("a device's values", () => {
  it("accepts a plausible device and keeps its hash as one line of base64", () => {
    const hash = hashOf(4_000);
    const checked = checkDevice(
      valid({
        hardwareHash: ` ${hash.slice(0, 76)}\r\n${hash.slice(76)}\n`,
        serialNumber: "  PF3XK2LM ",
        manufacturer: " Lenovo "
      })
    );
    expect(checked).toEqual({
      ok: true,
      device: {
        hardwareHash: hash,
        serialNumber: "PF3XK2LM",
        windowsProductId: "3603000000000",
        manufacturer: "Lenovo",
        model: "ThinkPad X1 Carbon"
      }
    });
  });

  it("bounds the hash at 256 and 8,192 base64 characters", () => {
    expect(problemsOf(valid({ hardwareHash: hashOf(hardwareHashMinLength) }))).toEqual([]);
    expect(problemsOf(valid({ hardwareHash: hashOf(hardwareHashMaxLength) }))).toEqual([]);
    expect(problemsOf(valid({ hardwareHash: hashOf(hardwareHashMinLength - 4) }))).toEqual(["hardwareHash"]);
    expect(problemsOf(valid({ hardwareHash: hashOf(hardwareHashMaxLength + 4) }))).toEqual(["hardwareHash"]);
  });

  it("refuses a hash that is not canonical base64: other alphabets, padding inside, a cut-off last group, nothing at all", () => {
    const hash = hashOf(400);
    for (const bad of [
      hash.replace(/.$/, "-"),
      `${hash.slice(0, 8)}==${hash.slice(10)}`,
      hash.slice(0, -1),
      "",
      "   "
    ]) {
      expect(problemsOf(valid({ hardwareHash: bad })), bad.slice(-12)).toEqual(["hardwareHash"]);
    }
    expect(problemsOf(valid({ hardwareHash: undefined }))).toEqual(["hardwareHash"]);
  });

  it("wants a serial number of printable ASCII, at most 64 characters", () => {
    expect(problemsOf(valid({ serialNumber: "SN 0001-A/B" }))).toEqual([]);
    for (const bad of ["", "SN\u0007", "SN\u200b1", "Séria", "x".repeat(65)])
      expect(problemsOf(valid({ serialNumber: bad })), bad).toEqual(["serialNumber"]);
  });

  it("lets the product id be left out, or be letters, digits and hyphens", () => {
    const blank = checkDevice(valid({ windowsProductId: "  " }));
    expect(blank.ok && Object.keys(blank.device)).toEqual(["hardwareHash", "serialNumber", "manufacturer", "model"]);
    expect(problemsOf(valid({ windowsProductId: "00329-00000-0003-AA606" }))).toEqual([]);
    expect(problemsOf(valid({ windowsProductId: "00329 00000" }))).toEqual(["windowsProductId"]);
    expect(problemsOf(valid({ windowsProductId: "1".repeat(33) }))).toEqual(["windowsProductId"]);
  });

  it("wants a manufacturer and model without invisible characters, at most 100 characters, and names every problem at once", () => {
    expect(problemsOf(valid({ manufacturer: "Dell Inc.", model: 'Latitude 7450 — 14"' }))).toEqual([]);
    expect(problemsOf(valid({ manufacturer: "Dell\u202e.cni", model: "m".repeat(101) }))).toEqual([
      "manufacturer",
      "model"
    ]);
    expect(problemsOf({})).toEqual(["hardwareHash", "serialNumber", "manufacturer", "model"]);
  });

  it("derives one id for one device in one customer, whatever the line breaks, and another in another customer", () => {
    const hash = hashOf(400);
    const customer = "c0ffee00-0000-4000-8000-000000000001";
    expect(deviceIdFor(customer, hash)).toMatch(/^[0-9a-f]{32}$/);
    expect(deviceIdFor(customer.toUpperCase(), hash)).toBe(deviceIdFor(customer, hash));
    expect(deviceIdFor("c0ffee00-0000-4000-8000-000000000002", hash)).not.toBe(deviceIdFor(customer, hash));
    expect(deviceIdFor(customer, hashOf(400))).not.toBe(deviceIdFor(customer, hash));
  });
});

describe("who may register devices for a customer", () => {
  const oem = (status: RelationshipFacts["status"], accepted: boolean, id = "r1"): RelationshipFacts => ({
    id,
    partnerType: "oem",
    status,
    accepted
  });

  it("allows an OEM relationship the customer accepted while it runs, and names it", () => {
    for (const status of ["approved", "activating", "active", "expiring"] as const) {
      expect(registrationStanding([oem("terminated", true, "old"), oem(status, true, "live")])).toEqual({
        allowed: true,
        relationshipId: "live"
      });
    }
  });

  it("refuses once it ended, before it is accepted, for other types and with no relationship, saying which", () => {
    const reason = (facts: RelationshipFacts[]) => {
      const standing = registrationStanding(facts);
      return standing.allowed ? "allowed" : standing.reason;
    };
    for (const status of ["terminationRequested", "terminating", "terminated", "expired"] as const)
      expect(reason([oem(status, true)])).toMatch(/has ended/);
    expect(reason([oem("approvalPending", false)])).toMatch(/not accepted your OEM relationship yet/);
    expect(reason([oem("declined", false), oem("expired", false)])).toMatch(/no accepted OEM relationship/);
    expect(reason([{ id: "r", partnerType: "reseller", status: "active", accepted: true }])).toMatch(/other types/);
    expect(reason([])).toMatch(/no accepted OEM relationship/);
  });

  it("lets an OEM read what it registered after the relationship ended, never without an accepted one", () => {
    expect(mayReadRegistrations([oem("terminated", true)])).toEqual({ allowed: true, relationshipId: "r1" });
    expect(mayReadRegistrations([oem("approvalPending", false)]).allowed).toBe(false);
    expect(mayReadRegistrations([{ id: "r", partnerType: "reseller", status: "active", accepted: true }]).allowed).toBe(
      false
    );
  });
});
