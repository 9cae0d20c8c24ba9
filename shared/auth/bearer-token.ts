/** Reads the access token out of an `Authorization` header; anything else is a 401 that never echoes the header. */
import { AuthenticationError } from "../errors";

// RFC 6750 `b64token`; the scheme name is case-insensitive (RFC 9110 §11.1).
const bearerPattern = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export function readBearerToken(authorizationHeader: string | null | undefined): string {
  const header = authorizationHeader?.trim();
  if (!header) throw new AuthenticationError("The Authorization header is missing.");
  const match = bearerPattern.exec(header);
  if (!match?.[1]) throw new AuthenticationError("The Authorization header must carry a Bearer token.");
  return match[1];
}
