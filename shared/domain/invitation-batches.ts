/**
 * Bulk invitations: up to 1,000 customers invited on one template's terms. Every row is judged up front by the
 * invitation's own rules (validateInvitation), plus what a batch adds: a customer tenant id on every row, each
 * customer and each relationship name once per batch. A bad row is kept with its reason and never stops the others.
 * Relationship names come from the row, or are derived from the template's name and the customer's tenant id.
 * Pure: the rows and the template in, the rows as stored out.
 */
import { displayNameMaxLength, validateInvitation, type NormalizedTerms } from "./invitation-rules";

export const maxBatchRows = 1_000;
/** Rows one queue message invites: small enough to finish well inside a message lock, large enough to amortise its reads and writes. */
export const batchChunkSize = 50;
/** Invitations of one chunk in flight at once. */
export const batchChunkConcurrency = 8;
/** How much of a bad row's values, and of a row's error, is kept to show it back: 1,000 rows stay well under 2 MB. */
const maxKeptValueLength = 100;
export const maxRowErrorLength = 300;

export const batchStatuses = ["queued", "running", "waiting", "completed", "completedWithErrors"] as const;
export type BatchStatus = (typeof batchStatuses)[number];
export const rowOutcomes = ["pending", "invited", "failed"] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

/** A row as it arrived: anything, checked here. */
export type BatchRowInput = unknown;

export interface BatchRow {
  /** 1-based position in the request's `customers`. */
  readonly row: number;
  /** Lower case when valid; as sent (shortened) when the row is bad. */
  readonly tenantId: string;
  readonly adminEmail: string;
  /** The relationship's name: the row's own, or derived. */
  readonly displayName: string;
  readonly outcome: RowOutcome;
  readonly relationshipId?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface BatchCounts {
  readonly total: number;
  readonly invited: number;
  readonly failed: number;
  readonly pending: number;
}

export interface BatchTemplate extends NormalizedTerms {
  readonly displayName: string;
}

/** Validates every row; valid ones are `pending`, bad ones `failed` with the reason (code `invalidRow`). */
export function validateBatchRows(template: BatchTemplate, inputs: readonly BatchRowInput[]): BatchRow[] {
  const tenants = new Map<string, number>();
  const names = new Map<string, number>();
  return inputs.map((input, index) => {
    const row = index + 1;
    const fields = rowFields(input);
    const problems = shapeProblems(input);
    const wellFormed = problems.length === 0;
    if (wellFormed && fields.tenantId === undefined)
      problems.push("tenantId is required: a batch invites named customer tenants.");
    if (wellFormed && fields.adminEmail === undefined)
      problems.push("adminEmail is required: the invitation is emailed there.");
    const tenantId = fields.tenantId?.trim().toLowerCase() ?? "";
    const displayName = fields.displayName?.trim() || derivedName(template.displayName, tenantId, names);
    const checked = validateInvitation({
      ...template,
      displayName,
      customer: {
        adminEmail: fields.adminEmail ?? "",
        ...(fields.tenantId === undefined ? {} : { tenantId: fields.tenantId })
      }
    });
    // The row's own fields only: the terms are the template's, already judged by the same rules.
    const rowErrors = checked.ok
      ? []
      : checked.errors.filter(
          (error) =>
            error.field === "displayName" ||
            error.field === "customer.tenantId" ||
            (error.field === "customer.adminEmail" && fields.adminEmail !== undefined)
        );
    if (wellFormed) problems.push(...rowErrors.map(describe));
    const sameTenant = tenants.get(tenantId);
    if (problems.length === 0 && sameTenant !== undefined)
      problems.push(`is the same customer tenant as row ${sameTenant}: a batch invites each customer once.`);
    const sameName = names.get(displayName.toLowerCase());
    if (problems.length === 0 && sameName !== undefined)
      problems.push(`has the same relationship name as row ${sameName}; names are unique among your relationships.`);
    const base = {
      row,
      tenantId: keep(fields.tenantId),
      adminEmail: keep(fields.adminEmail),
      displayName: keep(displayName)
    };
    if (problems.length > 0 || !checked.ok)
      return {
        ...base,
        outcome: "failed" as const,
        error: {
          code: "invalidRow",
          message: shorten(problems.join(" ") || "does not meet the invitation rules.", maxRowErrorLength)
        }
      };
    tenants.set(tenantId, row);
    names.set(displayName.toLowerCase(), row);
    return {
      ...base,
      tenantId: checked.value.customer.tenantId ?? tenantId,
      adminEmail: checked.value.customer.adminEmail,
      displayName: checked.value.displayName,
      outcome: "pending" as const
    };
  });
}

export function countRows(rows: readonly Pick<BatchRow, "outcome">[]): BatchCounts {
  const count = (outcome: RowOutcome) => rows.filter((row) => row.outcome === outcome).length;
  return { total: rows.length, invited: count("invited"), failed: count("failed"), pending: count("pending") };
}

/** What a batch is doing, from its rows and whether it is waiting for a limit. */
export function batchStatusOf(counts: BatchCounts, waiting: boolean, started: boolean): BatchStatus {
  if (counts.pending === 0) return counts.failed > 0 ? "completedWithErrors" : "completed";
  if (waiting) return "waiting";
  return started ? "running" : "queued";
}

/** The next rows to invite, in order. */
export function nextChunk<T extends Pick<BatchRow, "outcome">>(rows: readonly T[], size = batchChunkSize): T[] {
  return rows.filter((row) => row.outcome === "pending").slice(0, size);
}

/**
 * `<template name> <first 8 of the tenant id>`, shortened to fit; with the whole tenant id when two customers of
 * the batch share those 8 characters.
 */
function derivedName(templateName: string, tenantId: string, taken: ReadonlyMap<string, number>): string {
  const build = (suffix: string) =>
    `${[...templateName]
      .slice(0, displayNameMaxLength - suffix.length - 1)
      .join("")
      .trimEnd()} ${suffix}`;
  const short = build(tenantId.slice(0, 8));
  return taken.has(short.toLowerCase()) ? build(tenantId) : short;
}

const rowKeys = ["tenantId", "adminEmail", "displayName"];

function shapeProblems(input: BatchRowInput): string[] {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return ["must be an object with tenantId, adminEmail and, if you like, displayName."];
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !rowKeys.includes(key));
  const notText = rowKeys.filter(
    (key) => record[key] !== undefined && record[key] !== null && typeof record[key] !== "string"
  );
  return [
    ...unknown.slice(0, 3).map((key) => `has an unknown field ${JSON.stringify(key.slice(0, 40))}.`),
    ...notText.map((key) => `${key} must be text.`)
  ];
}

function rowFields(input: BatchRowInput): { tenantId?: string; adminEmail?: string; displayName?: string } {
  if (typeof input !== "object" || input === null) return {};
  const record = input as Record<string, unknown>;
  const text = (key: string) =>
    typeof record[key] === "string" && (record[key] as string).trim() !== "" ? (record[key] as string) : undefined;
  return { tenantId: text("tenantId"), adminEmail: text("adminEmail"), displayName: text("displayName") };
}

function describe(error: { field: string; message: string }): string {
  if (error.field === "customer.tenantId") return "tenantId must be the customer's tenant id (a GUID).";
  return `${error.field === "customer.adminEmail" ? "adminEmail" : "displayName"} ${error.message}`;
}

function keep(value: string | undefined): string {
  return value === undefined ? "" : shorten(value, maxKeptValueLength);
}

export function shorten(text: string, max: number): string {
  const characters = [...text];
  return characters.length > max ? `${characters.slice(0, max - 1).join("")}…` : text;
}
