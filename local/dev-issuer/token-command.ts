/**
 * `npm run -s token -- --tenant <guid> --user <guid> [--wids <id,id>] [--roles <role,role>] [--groups <id,id>]
 * [--groups-overage] [--name "..."] [--expires <seconds>] [--url http://127.0.0.1:7071]`: asks the running local runtime's dev issuer for an access
 * token and prints only the token, so `TOKEN=$(npm run -s token -- ...)` works. Problems go to stderr, exit code 1.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { devIssuerPaths } from "./issuer-routes";
import { describeTokenRequestIssues, tokenRequestSchema, type TokenRequest } from "./token-request";

export const defaultRuntimeUrl = "http://127.0.0.1:7071";

export const tokenUsage = `Usage: npm run -s token -- --tenant <guid> --user <guid> [options]
  --tenant <guid>      tenant id (tid) the user signs in to
  --user <guid>        the user's object id (oid)
  --wids <id,id>       directory role template ids (repeatable)
  --roles <role,role>  app roles, e.g. Partner.Admin or Operator (repeatable)
  --groups <id,id>     security group object ids, the groups claim (repeatable, at most 200)
  --groups-overage     Entra's groups overage claim instead of groups (a user in too many groups)
  --name <text>        display name
  --expires <seconds>  lifetime, 1-86400 (default 3600)
  --url <url>          the local runtime (default ${defaultRuntimeUrl})
Prints only the access token on stdout.
`;

export interface TokenCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch?: typeof fetch;
}

export type ParsedTokenArgs =
  { readonly kind: "help" } | { readonly kind: "request"; readonly url: string; readonly request: TokenRequest };

export class TokenArgsError extends Error {}

/** Turns the command line into a validated token request, with the endpoint's own rules. */
export function parseTokenArgs(argv: readonly string[]): ParsedTokenArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        tenant: { type: "string" },
        user: { type: "string" },
        wids: { type: "string", multiple: true },
        roles: { type: "string", multiple: true },
        groups: { type: "string", multiple: true },
        "groups-overage": { type: "boolean", default: false },
        name: { type: "string" },
        expires: { type: "string" },
        url: { type: "string", default: defaultRuntimeUrl },
        help: { type: "boolean", short: "h", default: false }
      },
      strict: true,
      allowPositionals: false
    }));
  } catch (error) {
    throw new TokenArgsError((error as Error).message);
  }
  if (values.help) return { kind: "help" };
  const missing = (["tenant", "user"] as const)
    .filter((option) => values[option] === undefined)
    .map((option) => `--${option}`);
  if (missing.length > 0)
    throw new TokenArgsError(`${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} required.`);
  const expires = values.expires === undefined ? undefined : Number(values.expires);
  const parsed = tokenRequestSchema.safeParse({
    tenantId: values.tenant,
    userId: values.user,
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.wids === undefined ? {} : { wids: splitList(values.wids) }),
    ...(values.roles === undefined ? {} : { roles: splitList(values.roles) }),
    ...(values.groups === undefined ? {} : { groups: splitList(values.groups) }),
    ...(values["groups-overage"] ? { groupsOverage: true } : {}),
    ...(expires === undefined ? {} : { expiresInSeconds: expires })
  });
  if (!parsed.success)
    throw new TokenArgsError(describeTokenRequestIssues(parsed.error).map(toOptionProblem).join("; "));
  const url = z.url({ protocol: /^https?$/ }).safeParse(values.url);
  if (!url.success) throw new TokenArgsError(`--url must be an http(s) URL such as ${defaultRuntimeUrl}.`);
  return { kind: "request", url: url.data.replace(/\/+$/, ""), request: parsed.data };
}

/** Runs the command; resolves to the process exit code. */
export async function runTokenCommand(argv: readonly string[], io: TokenCommandIo): Promise<number> {
  let args: ParsedTokenArgs;
  try {
    args = parseTokenArgs(argv);
  } catch (error) {
    if (!(error instanceof TokenArgsError)) throw error;
    io.stderr(`token: ${error.message}\n\n${tokenUsage}`);
    return 1;
  }
  if (args.kind === "help") {
    io.stdout(tokenUsage);
    return 0;
  }
  const endpoint = `${args.url}${devIssuerPaths.token}`;
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(args.request),
      signal: AbortSignal.timeout(10_000)
    });
  } catch (error) {
    io.stderr(
      `token: could not reach the local runtime at ${args.url} (${reasonOf(error)}). Is \`npm start\` running? (--url picks another)\n`
    );
    return 1;
  }
  const body: unknown = await response.json().catch(() => undefined);
  const token = tokenResponseSchema.safeParse(body);
  if (response.ok && token.success) {
    io.stdout(`${token.data.access_token}\n`);
    return 0;
  }
  io.stderr(`token: ${describeFailure(response.status, args.url, body)}\n`);
  return 1;
}

const tokenResponseSchema = z.object({ access_token: z.string().min(1), token_type: z.literal("Bearer") });
const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional()
});

function describeFailure(status: number, url: string, body: unknown): string {
  if (status === 404) return `${url} has no dev token issuer (HTTP 404). Is it the local runtime's Functions host?`;
  const problem = problemSchema.safeParse(body);
  if (!problem.success) return `the dev issuer answered HTTP ${status} without a token.`;
  const errors = problem.data.errors?.map((e) => `${e.field}: ${e.message}`).join("; ");
  return `the dev issuer refused (HTTP ${status}): ${errors || problem.data.detail || problem.data.title || "no reason given"}`;
}

const optionOfField: Record<string, string> = {
  tenantId: "--tenant",
  userId: "--user",
  expiresInSeconds: "--expires",
  groupsOverage: "--groups-overage"
};

function toOptionProblem({ field, message }: { field: string; message: string }): string {
  const [head = field, ...rest] = field.split(".");
  const option = optionOfField[head] ?? `--${head}`;
  return `${option}${rest.length > 0 ? ` (item ${Number(rest[0]) + 1})` : ""}: ${message}`;
}

function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(","))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}
