/** The body of `POST /dev/issuer/token`, shared by the endpoint and the token CLI so both refuse the same input. */
import { z } from "zod";

// Entra ids are lower-case GUIDs; accepting upper case but issuing lower case keeps ids comparable downstream.
const guid = z.guid().transform((value) => value.toLowerCase());

export const defaultTokenLifetimeSeconds = 3600;

export const tokenRequestSchema = z.strictObject({
  tenantId: guid,
  userId: guid,
  name: z.string().trim().min(1).max(256).optional(),
  /** A sign-in name such as admin@contoso.example, issued as `preferred_username`. */
  preferredUsername: z.string().trim().min(3).max(256).optional(),
  /** Directory role template ids, e.g. 62e90394-69f5-4237-9190-012177145e10 (Global Administrator). */
  wids: z.array(guid).max(100).optional(),
  roles: z.array(z.string().trim().min(1).max(120)).max(100).optional(),
  /** Security group object ids (the `groups` claim); Entra puts at most 200 in a token. */
  groups: z.array(guid).max(200).optional(),
  /** Sends Entra's groups overage claim (`_claim_names`/`_claim_sources`) instead of `groups`, as for a user in too many groups. */
  groupsOverage: z.boolean().optional(),
  expiresInSeconds: z.number().int().min(1).max(86_400).optional()
});

export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: "Bearer";
  readonly expires_in: number;
}

export function describeTokenRequestIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "body", message: issue.message }));
}
