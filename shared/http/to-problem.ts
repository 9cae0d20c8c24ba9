/**
 * Maps whatever a handler throws to an RFC 9457 problem+json response. Named AppErrors keep their status,
 * title and detail; anything else is logged and becomes a 500 that leaks nothing.
 */
import type { HttpResponseInit, InvocationContext } from "@azure/functions";
import { AppError, ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from "../errors";
import { problemResponse } from "./problem";

export function toProblemResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof AppError) {
    return problemResponse(
      {
        type: `https://partner-relationships.dev/problems/${error.code}`,
        title: error.title,
        status: error.status,
        detail: error.message,
        code: error.code,
        ...(error instanceof ValidationError || (error instanceof ConflictError && error.errors.length > 0)
          ? { errors: error.errors }
          : {}),
        ...(error instanceof ForbiddenError && error.requiredRole ? { requiredRole: error.requiredRole } : {}),
        ...(error instanceof TooManyRequestsError ? retryFields(error) : {})
      },
      headersFor(error)
    );
  }
  context.error(
    "Unhandled error:",
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error)
  );
  return problemResponse({
    title: "Internal Server Error",
    status: 500,
    detail: "Something went wrong on our side. The log has the details under this invocation id.",
    invocationId: context.invocationId
  });
}

function headersFor(error: AppError): Record<string, string> {
  if (error.status === 401) return { "www-authenticate": 'Bearer realm="partner-relationships"' };
  if (error instanceof TooManyRequestsError) return { "retry-after": String(error.retryAfterSeconds) };
  return {};
}

/** When to try again, both ways: seconds (as in Retry-After) and the moment itself. */
function retryFields(error: TooManyRequestsError) {
  return {
    limit: error.limit,
    retryAfterSeconds: error.retryAfterSeconds,
    retryAfterDateTime: error.retryAt.toISOString()
  };
}
