/**
 * The /v1.0 surface's errors, in Microsoft Graph's shape, so a Graph SDK raises its typed ODataError from them:
 *   {"error": {"code", "message", "details": [{"code", "message", "target"}], "innerError": {"request-id", "date"}}}
 * Mapped from the same named errors (shared/errors.ts) and with the same statuses as the /api surface's RFC 9457
 * bodies (shared/http/to-problem.ts); a validation error names each field in `message` and as a `target`. Anything
 * unknown is a 500 that says nothing about its cause.
 */
import type { HttpResponseInit, InvocationContext } from "@azure/functions";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  TooManyRequestsError,
  ValidationError,
  type FieldError
} from "../errors";

/** Graph's code for each of our errors (Graph's own spelling where it has one, e.g. InvalidAuthenticationToken). */
const graphCodes: Record<string, string> = {
  validation_failed: "badRequest",
  unauthenticated: "InvalidAuthenticationToken",
  forbidden: "forbidden",
  not_found: "notFound",
  conflict: "conflict",
  precondition_failed: "preconditionFailed",
  precondition_required: "preconditionRequired",
  too_many_requests: "tooManyRequests",
  transient: "serviceUnavailable"
};

export interface GraphErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly target?: string;
    readonly details?: readonly { readonly code: string; readonly message: string; readonly target: string }[];
    readonly innerError: {
      readonly "request-id": string;
      readonly date: string;
      readonly "client-request-id"?: string;
    };
  };
}

export function toGraphErrorResponse(
  error: unknown,
  context: InvocationContext,
  clientRequestId?: string,
  now: Date = new Date()
): HttpResponseInit {
  const innerError = {
    "request-id": context.invocationId,
    date: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...(clientRequestId ? { "client-request-id": clientRequestId } : {})
  };
  if (error instanceof AppError) {
    const fields = fieldErrorsOf(error);
    const body: GraphErrorBody = {
      error: {
        code: graphCodes[error.code] ?? error.code,
        message: error.message,
        ...(fields.length > 0
          ? {
              target: fields[0]?.field,
              details: fields.map((field) => ({ code: error.code, message: field.message, target: field.field }))
            }
          : {}),
        innerError
      }
    };
    return {
      status: error.status,
      headers: { ...headersFor(error), "content-type": "application/json" },
      body: JSON.stringify(body)
    };
  }
  context.error(
    "Unhandled error:",
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error)
  );
  const body: GraphErrorBody = {
    error: {
      code: "internalServerError",
      message: "Something went wrong on our side. The log has the details under this request id.",
      innerError
    }
  };
  return { status: 500, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function fieldErrorsOf(error: AppError): readonly FieldError[] {
  if (error instanceof ValidationError || error instanceof ConflictError) return error.errors;
  if (error instanceof ForbiddenError && error.requiredRole)
    return [{ field: "requiredRole", message: `needs ${error.requiredRole.displayName} (${error.requiredRole.id}).` }];
  return [];
}

function headersFor(error: AppError): Record<string, string> {
  if (error.status === 401) return { "www-authenticate": 'Bearer realm="partner-relationships"' };
  if (error instanceof TooManyRequestsError) return { "retry-after": String(error.retryAfterSeconds) };
  return {};
}
