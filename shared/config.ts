/**
 * App settings, parsed once from the environment by one zod schema. Each Azure service is configured in one of
 * two forms: an identity-based endpoint (`CosmosDb__accountEndpoint`, as on Azure, with DefaultAzureCredential)
 * or a connection string — the latter only for a local emulator on a loopback address, so no key for a real
 * account ever needs to exist. A bad environment fails with every missing or wrong key listed at once.
 */
import { z } from "zod";
import { defaultDatabaseName } from "./cosmos/containers";
import { defaultLimitSettings, type LimitSettings } from "./limits/limiter";

export type ServiceConnection =
  | { readonly kind: "emulator"; readonly connectionString: string; readonly endpoint: string }
  | { readonly kind: "identity"; readonly endpoint: string };

export interface Config {
  readonly cosmos: { readonly connection: ServiceConnection; readonly databaseName: string };
  readonly serviceBus: { readonly connection: ServiceConnection };
  readonly email: { readonly connection: ServiceConnection; readonly senderAddress: string };
  /** Microsoft Entra ID (or the local development issuer) that signs callers' access tokens. */
  readonly auth: { readonly issuer: string; readonly audience: string; readonly jwksUri: string };
  /** Server secret from which invitation link tokens are derived (never the tokens themselves). */
  readonly linkTokenSecret: Buffer;
  /** Where people reach the pages: the base of every link in an email. */
  readonly publicBaseUrl: string;
  /** The longest wait before a failed queue message is tried again (its backoff's ceiling). */
  readonly queueRetryMaxDelaySeconds: number;
  /** Abuse limits: how many of each action a window allows (shared/limits/limiter.ts). */
  readonly limits: LimitSettings;
  /** Proxies of one's own in front of the Function App, each appending to X-Forwarded-For (Front Door: 1). */
  readonly clientAddressProxyHops: number;
  /** The tenant whose users may hold the Operator app role (approve partners); undefined: nobody is an operator. */
  readonly operatorTenantId?: string;
  /** How the pages sign people in: behind App Service authentication (Easy Auth) on Azure, the dev issuer locally. */
  readonly pages: {
    /** Trust the `X-MS-CLIENT-PRINCIPAL` header; only true when the Function App runs behind Easy Auth, which sets it. */
    readonly easyAuthEnabled: boolean;
    readonly signInUrl: string;
    readonly signOutUrl: string;
  };
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid app settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const optionalText = z.string().trim().min(1).optional();
const limitSetting = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const envSchema = z.object({
  CosmosDb: optionalText,
  CosmosDb__accountEndpoint: z.url().optional(),
  COSMOS_DATABASE_NAME: z.string().trim().min(1).default(defaultDatabaseName),
  ServiceBus: optionalText,
  ServiceBus__fullyQualifiedNamespace: optionalText,
  Email: optionalText,
  Email__endpoint: z.url().optional(),
  EMAIL_SENDER_ADDRESS: z.email(),
  AUTH_ISSUER: z.url(),
  AUTH_AUDIENCE: z.string().trim().min(1),
  AUTH_JWKS_URI: z.url(),
  LINK_TOKEN_SECRET: z
    .base64()
    .refine((value) => Buffer.from(value, "base64").length >= 32, "must be at least 32 random bytes, base64"),
  PUBLIC_BASE_URL: z.url(),
  // An empty value (as in the settings sample) means unset.
  OPERATOR_TENANT_ID: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.guid("must be a tenant id (GUID)").optional()
  ),
  QUEUE_RETRY_MAX_DELAY_SECONDS: z.coerce.number().int().min(0).max(3_600).default(300),
  LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: limitSetting(defaultLimitSettings.invitationsPerPartnerPerHour),
  LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: limitSetting(defaultLimitSettings.invitationsPerPartnerPerDay),
  LIMIT_RESENDS_PER_PARTNER_PER_HOUR: limitSetting(defaultLimitSettings.resendsPerPartnerPerHour),
  LIMIT_RESENDS_PER_PARTNER_PER_DAY: limitSetting(defaultLimitSettings.resendsPerPartnerPerDay),
  LIMIT_RESENDS_PER_INVITATION_PER_DAY: limitSetting(defaultLimitSettings.resendsPerInvitationPerDay),
  LIMIT_INVITATION_EMAILS_PER_ADDRESS_PER_DAY: limitSetting(defaultLimitSettings.invitationEmailsPerAddressPerDay),
  LIMIT_CONTACT_REQUESTS_PER_CLIENT_PER_HOUR: limitSetting(defaultLimitSettings.contactRequestsPerClientPerHour),
  LIMIT_CONTACT_REQUESTS_PER_PARTNER_PER_DAY: limitSetting(defaultLimitSettings.contactRequestsPerPartnerPerDay),
  LIMIT_PURCHASES_PER_PARTNER_PER_DAY: limitSetting(defaultLimitSettings.purchasesPerPartnerPerDay),
  LIMIT_DEVICE_UPLOADS_PER_PARTNER_PER_HOUR: limitSetting(defaultLimitSettings.deviceUploadsPerPartnerPerHour),
  LIMIT_INVITATION_BATCHES_PER_PARTNER_PER_HOUR: limitSetting(defaultLimitSettings.invitationBatchesPerPartnerPerHour),
  CLIENT_ADDRESS_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  EASY_AUTH_ENABLED: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("false"),
  SIGN_IN_URL: z
    .string()
    .trim()
    .regex(/^(\/[^/\\]|https:\/\/)/, "must be a path on this site or an https URL")
    .default("/.auth/login/aad"),
  SIGN_OUT_URL: z
    .string()
    .trim()
    .regex(/^(\/[^/\\]|https:\/\/)/, "must be a path on this site or an https URL")
    .default("/.auth/logout")
});

type Env = z.infer<typeof envSchema>;

/**
 * Every app setting the product reads, for the infra drift test and the settings sample. Each Azure service has
 * two forms: on Azure only the identity form is set; the connection-string form is for local emulators.
 */
export const appSettingKeys = Object.keys(envSchema.shape) as (keyof Env)[];
export const emulatorOnlySettingKeys: readonly (keyof Env)[] = ["CosmosDb", "ServiceBus", "Email"];

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map(describeIssue);
  const values = (parsed.success ? parsed.data : {}) as Partial<Env>;
  const cosmos = pickConnection(
    problems,
    "CosmosDb",
    env.CosmosDb,
    "CosmosDb__accountEndpoint",
    env.CosmosDb__accountEndpoint,
    accountEndpointOf
  );
  const serviceBus = pickConnection(
    problems,
    "ServiceBus",
    env.ServiceBus,
    "ServiceBus__fullyQualifiedNamespace",
    env.ServiceBus__fullyQualifiedNamespace,
    serviceBusEndpointOf
  );
  const email = pickConnection(problems, "Email", env.Email, "Email__endpoint", env.Email__endpoint, emailEndpointOf);
  if (problems.length > 0 || !cosmos || !serviceBus || !email || !parsed.success) throw new ConfigError(problems);
  return {
    cosmos: { connection: cosmos, databaseName: values.COSMOS_DATABASE_NAME ?? defaultDatabaseName },
    serviceBus: { connection: serviceBus },
    email: { connection: email, senderAddress: values.EMAIL_SENDER_ADDRESS as string },
    auth: {
      issuer: values.AUTH_ISSUER as string,
      audience: values.AUTH_AUDIENCE as string,
      jwksUri: values.AUTH_JWKS_URI as string
    },
    linkTokenSecret: Buffer.from(values.LINK_TOKEN_SECRET as string, "base64"),
    publicBaseUrl: (values.PUBLIC_BASE_URL as string).replace(/\/+$/, ""),
    queueRetryMaxDelaySeconds: values.QUEUE_RETRY_MAX_DELAY_SECONDS ?? 300,
    limits: limitsOf(values as Env),
    clientAddressProxyHops: values.CLIENT_ADDRESS_PROXY_HOPS ?? 0,
    ...(values.OPERATOR_TENANT_ID ? { operatorTenantId: values.OPERATOR_TENANT_ID.toLowerCase() } : {}),
    pages: {
      easyAuthEnabled: values.EASY_AUTH_ENABLED === "true",
      signInUrl: values.SIGN_IN_URL ?? "/.auth/login/aad",
      signOutUrl: values.SIGN_OUT_URL ?? "/.auth/logout"
    }
  };
}

function limitsOf(values: Env): LimitSettings {
  return {
    invitationsPerPartnerPerHour: values.LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR,
    invitationsPerPartnerPerDay: values.LIMIT_INVITATIONS_PER_PARTNER_PER_DAY,
    resendsPerPartnerPerHour: values.LIMIT_RESENDS_PER_PARTNER_PER_HOUR,
    resendsPerPartnerPerDay: values.LIMIT_RESENDS_PER_PARTNER_PER_DAY,
    resendsPerInvitationPerDay: values.LIMIT_RESENDS_PER_INVITATION_PER_DAY,
    invitationEmailsPerAddressPerDay: values.LIMIT_INVITATION_EMAILS_PER_ADDRESS_PER_DAY,
    contactRequestsPerClientPerHour: values.LIMIT_CONTACT_REQUESTS_PER_CLIENT_PER_HOUR,
    contactRequestsPerPartnerPerDay: values.LIMIT_CONTACT_REQUESTS_PER_PARTNER_PER_DAY,
    purchasesPerPartnerPerDay: values.LIMIT_PURCHASES_PER_PARTNER_PER_DAY,
    deviceUploadsPerPartnerPerHour: values.LIMIT_DEVICE_UPLOADS_PER_PARTNER_PER_HOUR,
    invitationBatchesPerPartnerPerHour: values.LIMIT_INVITATION_BATCHES_PER_PARTNER_PER_HOUR
  };
}

/** Only the Service Bus connection, for an operator's tool that needs nothing else (`npm run dlq`). */
export function parseServiceBusConnection(env: NodeJS.ProcessEnv): ServiceConnection {
  const problems: string[] = [];
  const connection = pickConnection(
    problems,
    "ServiceBus",
    env.ServiceBus,
    "ServiceBus__fullyQualifiedNamespace",
    env.ServiceBus__fullyQualifiedNamespace,
    serviceBusEndpointOf
  );
  if (!connection) throw new ConfigError(problems);
  return connection;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.join(".") || "(environment)";
  return issue.code === "invalid_type" && issue.input === undefined ? `${key}: missing` : `${key}: ${issue.message}`;
}

/** Exactly one of the two forms; the connection-string form must point at a loopback emulator. */
function pickConnection(
  problems: string[],
  connectionStringKey: string,
  connectionString: string | undefined,
  identityKey: string,
  identityEndpoint: string | undefined,
  endpointOf: (connectionString: string) => string | undefined
): ServiceConnection | undefined {
  const viaString = connectionString?.trim() || undefined;
  const viaIdentity = identityEndpoint?.trim() || undefined;
  if (viaString && viaIdentity) {
    problems.push(`${connectionStringKey}: set either ${connectionStringKey} or ${identityKey}, not both`);
    return undefined;
  }
  if (viaIdentity) return { kind: "identity", endpoint: viaIdentity };
  if (!viaString) {
    problems.push(`${identityKey}: missing (or ${connectionStringKey} with a local emulator's connection string)`);
    return undefined;
  }
  const endpoint = endpointOf(viaString);
  if (!endpoint) {
    problems.push(`${connectionStringKey}: not a connection string this service understands`);
    return undefined;
  }
  if (!isLoopback(endpoint)) {
    problems.push(
      `${connectionStringKey}: connection strings are only for local emulators; use ${identityKey} with a managed identity`
    );
    return undefined;
  }
  return { kind: "emulator", connectionString: viaString, endpoint };
}

export function connectionStringPart(connectionString: string, key: string): string | undefined {
  for (const part of connectionString.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim().toLowerCase() === key.toLowerCase()) return part.slice(at + 1).trim();
  }
  return undefined;
}

function accountEndpointOf(connectionString: string): string | undefined {
  return connectionStringPart(connectionString, "AccountEndpoint");
}

function serviceBusEndpointOf(connectionString: string): string | undefined {
  const endpoint = connectionStringPart(connectionString, "Endpoint");
  return connectionStringPart(connectionString, "UseDevelopmentEmulator") === "true" ? endpoint : undefined;
}

function emailEndpointOf(connectionString: string): string | undefined {
  return connectionStringPart(connectionString, "endpoint");
}

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}
