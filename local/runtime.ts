/**
 * The local runtime: everything that stands in for Azure on one machine, started in dependency order — the
 * embedded Cosmos DB, the Service Bus emulator, the email server — then the Functions host running the same
 * compiled functions that run on Azure, pointed at them through ordinary app settings.
 */
import { resolve } from "node:path";
import { connectionStringPart, parseConfig } from "../shared/config";
import { containers } from "../shared/cosmos/containers";
import type { CosmosClient } from "@azure/cosmos";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import { queues, type QueueDeclaration } from "../shared/messaging/queues";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "./cosmos/cosmos-server";
import { ensureCosmosResources } from "./cosmos/ensure-resources";
import { startEmailServer } from "./email";
import { handleMailboxRequest } from "./email/mailbox-routes";
import { applySettings, readLocalSettings } from "./host/app-settings";
import { startFunctionsHost } from "./host/functions-host";
import type { HostLog } from "./host/host-log";
import { serviceBusListener } from "./host/service-bus-listener";
import type { RuntimeArgs } from "./runtime-args";
import { startServiceBusEmulator } from "./service-bus";
import { demoOperator, demoPartners } from "./demo-data";
import { seedDemoPartners } from "./demo-seed";
import { createDevIssuer } from "./dev-issuer/dev-issuer";
import { handleSignInRequest, signInPaths } from "./dev-issuer/sign-in-page";
import { localSecret } from "./secrets";
import { handleClockRequest } from "./dev-clock";
import { handleServiceBusDevRequest } from "./service-bus/dev-routes";
import { handleCosmosDevRequest } from "./cosmos/throttling";
import { deadLetterRoutes } from "./service-bus/dead-letter-routes";

export interface RuntimeEndpoints {
  readonly url: string;
  readonly mailboxUrl: string;
  readonly cosmos: { readonly endpoint: string; readonly connectionString: string };
  readonly serviceBus: { readonly connectionString: string };
  readonly email: { readonly connectionString: string };
  readonly dataDir: string;
  readonly restoredDocuments: number;
  readonly functions: readonly string[];
  readonly issuer: { readonly issuer: string; readonly audience: string; readonly tokenEndpoint: string };
  readonly demoPartners: readonly { readonly tenantId: string; readonly displayName: string }[];
}

export interface RunningRuntime {
  readonly endpoints: RuntimeEndpoints;
  stop(): Promise<void>;
}

export async function startRuntime(
  appRoot: string,
  args: RuntimeArgs,
  env: NodeJS.ProcessEnv,
  log: HostLog
): Promise<RunningRuntime> {
  const dataDir = resolve(appRoot, args.dataDir);
  applySettings(env, readLocalSettings(appRoot));
  const stops: (() => Promise<void>)[] = [];
  try {
    const cosmos = args.cosmosConnectionString
      ? externalCosmos(args.cosmosConnectionString)
      : await startEmbeddedCosmos({
          port: args.cosmosPort,
          dataDir: resolve(dataDir, "cosmos"),
          log: standInLog(log, "cosmos")
        });
    stops.unshift(() => cosmos.stop());
    const serviceBus = await startServiceBusEmulator({
      port: args.serviceBusPort,
      dataDir: resolve(dataDir, "service-bus"),
      queues: [...queues, ...args.extraQueues.map(parseQueueArgument)],
      log: standInLog(log, "service-bus")
    });
    stops.unshift(() => serviceBus.stop());
    const email = await startEmailServer({
      port: args.emailPort,
      dataDir: resolve(dataDir, "email"),
      log: standInLog(log, "email")
    });
    stops.unshift(() => email.stop());
    const deadLetters = deadLetterRoutes(serviceBus);
    stops.unshift(() => deadLetters.close());

    // The runtime's own emulators win over copied settings, unless a service is configured in identity form.
    if (!env.CosmosDb__accountEndpoint) env.CosmosDb = cosmos.connectionString;
    if (!env.ServiceBus__fullyQualifiedNamespace) env.ServiceBus = serviceBus.connectionString;
    if (!env.Email__endpoint) env.Email = email.connectionString;
    applySettings(env, {
      EMAIL_SENDER_ADDRESS: "DoNotReply@partner-relationships.local",
      LINK_TOKEN_SECRET: localSecret(dataDir, "link-token-secret"),
      SIGN_IN_URL: "/dev/sign-in",
      SIGN_OUT_URL: "/dev/sign-out",
      OPERATOR_TENANT_ID: demoOperator.tenantId
    });
    // The issuer and the public URL need the host's port, known once it listens; the functions read settings
    // lazily, at their first invocation, so setting them right after start is in time.
    let hostUrl = "";
    const issuer = await createDevIssuer({ dataDir, baseUrl: () => hostUrl });
    const cosmosDatabase = env.COSMOS_DATABASE_NAME ?? "partner-relationships";
    let cosmosClient: CosmosClient | undefined;
    if (!env.CosmosDb__accountEndpoint) {
      const connection = {
        kind: "emulator" as const,
        connectionString: env.CosmosDb as string,
        endpoint: cosmos.endpoint
      };
      cosmosClient = createCosmosClient(connection, () => {
        throw new Error("The local runtime creates containers only in an emulator.");
      });
      await ensureCosmosResources(cosmosClient, cosmosDatabase, containers)
        .then(() => seedDemoPartners(cosmosClient as CosmosClient, cosmosDatabase))
        .catch((error: unknown) => {
          log.write({
            level: "warning",
            message: `Cosmos DB did not answer; containers were not created: ${(error as Error).message}`,
            event: "runtime"
          });
        });
    }

    const host = await startFunctionsHost({
      appRoot,
      port: args.port,
      dataDir,
      env,
      functionFiles: args.functionFiles?.map((file) => resolve(appRoot, file)),
      log,
      listeners: [serviceBusListener],
      timers: args.timers,
      devRoutes: [
        (req, res) => handleMailboxRequest(email.mailbox, req, res),
        (req, res, body) => issuer.handleRequest(req, res, body),
        (req, res, body) => handleSignInRequest(issuer, req, res, body),
        (req, res, body) => handleClockRequest(req, res, body),
        (req, res, body) => handleServiceBusDevRequest(serviceBus, req, res, body),
        (req, res, body) => deadLetters.handle(req, res, body),
        (req, res, body) => handleCosmosDevRequest(cosmos.throttle, req, res, body)
      ],
      devFormPaths: [signInPaths.signIn, signInPaths.signOut]
    });
    stops.unshift(() => host.stop());
    hostUrl = host.url;
    // Settings that point at this runtime's own stand-ins follow it to whatever port it got.
    overrideLocal(env, "AUTH_ISSUER", issuer.issuer);
    overrideLocal(env, "AUTH_JWKS_URI", issuer.jwksUri);
    applySettings(env, { AUTH_AUDIENCE: issuer.audience });
    overrideLocal(env, "PUBLIC_BASE_URL", host.url);
    parseConfig(env); // fail now, with every bad key listed, rather than at the first request
    return {
      endpoints: {
        url: host.url,
        mailboxUrl: `${host.url}/dev/mailbox`,
        cosmos: { endpoint: cosmos.endpoint, connectionString: cosmos.connectionString },
        serviceBus: { connectionString: serviceBus.connectionString },
        email: { connectionString: email.connectionString },
        dataDir,
        restoredDocuments: cosmos.restoredDocuments,
        functions: host.functions.map((fn) => fn.name),
        issuer: { issuer: issuer.issuer, audience: issuer.audience, tokenEndpoint: issuer.tokenEndpoint },
        demoPartners: demoPartners.map(({ tenantId, displayName }) => ({ tenantId, displayName }))
      },
      stop: () => stopAll(stops)
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

/** Lines about data the stand-ins skipped or could not save are warnings; the rest (listening, sends) is information. */
const warningWords = /skipped|refusing|failed|not folded|cannot/;

function standInLog(log: HostLog, event: string): (line: string) => void {
  return (message) => log.write({ level: warningWords.test(message) ? "warning" : "information", message, event });
}

/** Host first (it finishes running invocations), then the emulators it was using; each saves its data. */
async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.splice(0)) await stop();
}

/** An emulator someone else runs (Microsoft's, on another machine): used as is, never stopped or saved. */
function externalCosmos(connectionString: string): EmbeddedCosmos {
  const endpoint = connectionStringPart(connectionString, "AccountEndpoint") ?? "";
  return {
    endpoint,
    port: Number(new URL(endpoint).port),
    connectionString,
    restoredDocuments: 0,
    stop: async () => undefined
  };
}

/** Replaces a setting that is unset or points at a loopback stand-in; a real endpoint (Entra, a deployed app) stays. */
function overrideLocal(env: NodeJS.ProcessEnv, key: string, value: string): void {
  const current = env[key];
  if (!current || /\/\/(127\.|localhost|\[::1\])/.test(current)) env[key] = value;
}

function parseQueueArgument(text: string): QueueDeclaration {
  const [name, lockSeconds, maxDeliveryCount] = text.split(":");
  if (!name) throw new Error(`--queue needs a name: "${text}"`);
  return {
    name,
    lockDurationSeconds: lockSeconds ? Number(lockSeconds) : 60,
    maxDeliveryCount: maxDeliveryCount ? Number(maxDeliveryCount) : 10,
    deadLetteringOnMessageExpiration: true
  };
}
