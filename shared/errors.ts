/**
 * The few errors the product raises on purpose, each with a stable `code` and the HTTP status it maps to.
 * `shared/http/to-problem.ts` turns them into RFC 9457 problem+json; anything else becomes a 500 that says
 * nothing about its cause.
 */
export interface FieldError {
  /** Dotted path of the offending field in the request (`accessDetails.unifiedRoles.0.roleDefinitionId`), or `body`. */
  readonly field: string;
  readonly message: string;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  abstract readonly title: string;
}

export class ValidationError extends AppError {
  readonly code = "validation_failed";
  readonly status = 400;
  readonly title = "The request is not valid";
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join("; "));
  }
}

export class AuthenticationError extends AppError {
  readonly code = "unauthenticated";
  readonly status = 401;
  readonly title = "Sign-in required";
}

export class ForbiddenError extends AppError {
  readonly code = "forbidden";
  readonly status = 403;
  readonly title = "Not allowed";
  /** The Entra role (template id) or app role the caller lacks, when one would do. */
  constructor(
    message: string,
    readonly requiredRole?: { readonly id: string; readonly displayName: string }
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = "not_found";
  readonly status = 404;
  readonly title = "Not found";
}

export class ConflictError extends AppError {
  readonly code = "conflict";
  readonly status = 409;
  readonly title = "Conflict with the current state";
  /** The fields whose values clash with stored state (a display name already in use). */
  constructor(
    message: string,
    readonly errors: readonly FieldError[] = []
  ) {
    super(message);
  }
}

export class PreconditionFailedError extends AppError {
  readonly code = "precondition_failed";
  readonly status = 412;
  readonly title = "The resource has changed";
}

export class PreconditionRequiredError extends AppError {
  readonly code = "precondition_required";
  readonly status = 428;
  readonly title = "If-Match is required";
}

/** An abuse limit is reached: nothing was done, and the caller may try again at `retryAt` (shared/limits/). */
export class TooManyRequestsError extends AppError {
  readonly code = "too_many_requests";
  readonly status = 429;
  readonly title = "Too many requests";
  /** Whole seconds from now until `retryAt`, at least 1: the `Retry-After` header. */
  readonly retryAfterSeconds: number;
  /** `limit` names the limit reached (`invitationsPerPartnerPerHour`), a stable identifier a client may act on. */
  constructor(
    message: string,
    readonly limit: string,
    readonly retryAt: Date,
    now: Date
  ) {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  }
}

/** A dependency failed in a way worth retrying (Cosmos 429/503, email 429/5xx). */
export class TransientError extends AppError {
  readonly code = "transient";
  readonly status = 503;
  readonly title = "Temporarily unavailable";
}

/** A queue message that can never succeed (it names nothing that exists, or it is malformed): dead-lettered at once. */
export class PermanentMessageError extends AppError {
  readonly code = "permanent";
  readonly status = 422;
  readonly title = "The message cannot be processed";
  constructor(
    readonly reason: string,
    message: string
  ) {
    super(message);
  }
}
