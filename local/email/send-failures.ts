/** Failures a test arms on purpose so it can watch the SDK retry: the next N sends answer 429 or 500. */
import { z } from "zod";
import { describeIssues } from "./send-request";

export type InjectedFailureStatus = 429 | 500;

export const failNextSendsSchema = z.object({
  count: z.number().int().min(0),
  status: z.union([z.literal(429), z.literal(500)]),
  retryAfterSeconds: z.number().int().min(0).optional()
});

export type FailNextSends = z.infer<typeof failNextSendsSchema>;

export interface InjectedFailure {
  readonly status: InjectedFailureStatus;
  /** Error code in the service's error body and `x-ms-error-code`. */
  readonly code: string;
  readonly headers: Record<string, string>;
}

const failureCodes: Record<InjectedFailureStatus, string> = { 429: "TooManyRequests", 500: "InternalServerError" };

export class SendFailures {
  private armed: FailNextSends = { count: 0, status: 500 };

  /** Replaces whatever was armed before; a count of 0 disarms. Throws RangeError on a bad request. */
  arm(request: FailNextSends): void {
    const parsed = failNextSendsSchema.safeParse(request);
    if (!parsed.success) throw new RangeError(`failNextSends: ${describeIssues(parsed.error)}`);
    this.armed = parsed.data;
  }

  /** The failure the next send must answer with, if one is still armed; consumes it. */
  takeNext(): InjectedFailure | undefined {
    if (this.armed.count === 0) return undefined;
    this.armed = { ...this.armed, count: this.armed.count - 1 };
    const { status, retryAfterSeconds } = this.armed;
    const headers: Record<string, string> = {};
    if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
    return { status, code: failureCodes[status], headers };
  }
}
