import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../shared/config";

const emulatorEnv = {
  CosmosDb: "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=a2V5;",
  ServiceBus:
    "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=local;SharedAccessKey=local;UseDevelopmentEmulator=true",
  Email: "endpoint=http://127.0.0.1:7072/;accesskey=a2V5",
  EMAIL_SENDER_ADDRESS: "DoNotReply@example.test",
  ...commonSettings()
};

function commonSettings() {
  return {
    AUTH_ISSUER: "https://login.microsoftonline.com/{tenantid}/v2.0",
    AUTH_AUDIENCE: "api://partner-relationships",
    AUTH_JWKS_URI: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
    LINK_TOKEN_SECRET: Buffer.alloc(32, 7).toString("base64"),
    PUBLIC_BASE_URL: "https://partners.example/"
  };
}

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("names every missing key at once", () => {
    const problems = problemsOf({});
    expect(problems.join("\n")).toContain("CosmosDb__accountEndpoint: missing");
    expect(problems.join("\n")).toContain("ServiceBus__fullyQualifiedNamespace: missing");
    expect(problems.join("\n")).toContain("Email__endpoint: missing");
    expect(problems.join("\n")).toContain("EMAIL_SENDER_ADDRESS: missing");
    for (const key of ["AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_JWKS_URI", "LINK_TOKEN_SECRET", "PUBLIC_BASE_URL"]) {
      expect(problems).toContain(`${key}: missing`);
    }
    expect(problems).toHaveLength(9);
  });

  it("accepts the local emulators' connection strings", () => {
    const config = parseConfig(emulatorEnv);
    expect(config.cosmos.connection).toMatchObject({ kind: "emulator", endpoint: "https://127.0.0.1:8081/" });
    expect(config.cosmos.databaseName).toBe("partner-relationships");
    expect(config.serviceBus.connection.kind).toBe("emulator");
    expect(config.email.senderAddress).toBe("DoNotReply@example.test");
    expect(config.linkTokenSecret).toHaveLength(32);
    expect(config.publicBaseUrl).toBe("https://partners.example");
  });

  it("refuses a link-token secret shorter than 32 bytes", () => {
    const problems = problemsOf({ ...emulatorEnv, LINK_TOKEN_SECRET: Buffer.alloc(16).toString("base64") });
    expect(problems).toEqual(["LINK_TOKEN_SECRET: must be at least 32 random bytes, base64"]);
  });

  it("accepts identity-based endpoints, as on Azure", () => {
    const config = parseConfig({
      CosmosDb__accountEndpoint: "https://acct.documents.azure.com:443/",
      ServiceBus__fullyQualifiedNamespace: "ns.servicebus.windows.net",
      Email__endpoint: "https://acs.communication.azure.com/",
      EMAIL_SENDER_ADDRESS: "DoNotReply@example.test",
      ...commonSettings()
    });
    expect(config.cosmos.connection).toEqual({ kind: "identity", endpoint: "https://acct.documents.azure.com:443/" });
    expect(config.serviceBus.connection).toEqual({ kind: "identity", endpoint: "ns.servicebus.windows.net" });
  });

  it("refuses a connection string with a key for a real (non-loopback) account", () => {
    const problems = problemsOf({
      ...emulatorEnv,
      CosmosDb: "AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=a2V5;"
    });
    expect(problems).toEqual([
      "CosmosDb: connection strings are only for local emulators; use CosmosDb__accountEndpoint with a managed identity"
    ]);
  });

  it("refuses a Service Bus connection string that is not the development emulator's", () => {
    const problems = problemsOf({
      ...emulatorEnv,
      ServiceBus: "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=a;SharedAccessKey=b"
    });
    expect(problems).toEqual(["ServiceBus: not a connection string this service understands"]);
  });

  it("refuses both forms at once, and a malformed endpoint or sender", () => {
    const problems = problemsOf({
      ...emulatorEnv,
      CosmosDb__accountEndpoint: "https://acct.documents.azure.com/",
      Email__endpoint: "not a url",
      EMAIL_SENDER_ADDRESS: "nobody"
    });
    expect(problems.join("\n")).toContain("CosmosDb: set either CosmosDb or CosmosDb__accountEndpoint, not both");
    expect(problems.join("\n")).toContain("Email__endpoint:");
    expect(problems.join("\n")).toContain("EMAIL_SENDER_ADDRESS:");
  });

  it("defaults the page settings to Easy Auth's sign-in and sign-out paths, with the principal header not trusted", () => {
    expect(parseConfig(emulatorEnv).pages).toEqual({
      easyAuthEnabled: false,
      signInUrl: "/.auth/login/aad",
      signOutUrl: "/.auth/logout"
    });
    const behindEasyAuth = parseConfig({
      ...emulatorEnv,
      EASY_AUTH_ENABLED: "true",
      SIGN_IN_URL: "/dev/sign-in",
      SIGN_OUT_URL: "https://login.example/out"
    });
    expect(behindEasyAuth.pages).toEqual({
      easyAuthEnabled: true,
      signInUrl: "/dev/sign-in",
      signOutUrl: "https://login.example/out"
    });
  });

  it("refuses a page setting that is not a boolean, or a sign-in URL that could lead off-site", () => {
    const problems = problemsOf({
      ...emulatorEnv,
      EASY_AUTH_ENABLED: "yes",
      SIGN_IN_URL: "//evil.example/login",
      SIGN_OUT_URL: "http://insecure.example/"
    });
    expect(problems).toEqual([
      'EASY_AUTH_ENABLED: must be "true" or "false"',
      "SIGN_IN_URL: must be a path on this site or an https URL",
      "SIGN_OUT_URL: must be a path on this site or an https URL"
    ]);
  });

  it("defaults every abuse limit and the proxy hops, and reads each from its own setting", () => {
    const defaults = parseConfig(emulatorEnv);
    expect(defaults.limits).toEqual({
      invitationsPerPartnerPerHour: 200,
      invitationsPerPartnerPerDay: 1000,
      resendsPerPartnerPerHour: 50,
      resendsPerPartnerPerDay: 200,
      resendsPerInvitationPerDay: 5,
      invitationEmailsPerAddressPerDay: 10,
      contactRequestsPerClientPerHour: 20,
      contactRequestsPerPartnerPerDay: 100,
      purchasesPerPartnerPerDay: 1000,
      deviceUploadsPerPartnerPerHour: 60,
      invitationBatchesPerPartnerPerHour: 20
    });
    expect(defaults.clientAddressProxyHops).toBe(0);
    const lowered = parseConfig({
      ...emulatorEnv,
      LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "1",
      LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "2",
      LIMIT_RESENDS_PER_PARTNER_PER_HOUR: "3",
      LIMIT_RESENDS_PER_PARTNER_PER_DAY: "4",
      LIMIT_RESENDS_PER_INVITATION_PER_DAY: "5",
      LIMIT_INVITATION_EMAILS_PER_ADDRESS_PER_DAY: "6",
      LIMIT_CONTACT_REQUESTS_PER_CLIENT_PER_HOUR: "7",
      LIMIT_CONTACT_REQUESTS_PER_PARTNER_PER_DAY: "8",
      LIMIT_PURCHASES_PER_PARTNER_PER_DAY: "9",
      LIMIT_DEVICE_UPLOADS_PER_PARTNER_PER_HOUR: "10",
      LIMIT_INVITATION_BATCHES_PER_PARTNER_PER_HOUR: "11",
      CLIENT_ADDRESS_PROXY_HOPS: "1"
    });
    expect(Object.values(lowered.limits)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(lowered.clientAddressProxyHops).toBe(1);
  });

  it("refuses a limit that is not a whole number of at least 1, and more than 5 proxy hops", () => {
    const problems = problemsOf({
      ...emulatorEnv,
      LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "0",
      LIMIT_RESENDS_PER_INVITATION_PER_DAY: "2.5",
      LIMIT_CONTACT_REQUESTS_PER_CLIENT_PER_HOUR: "lots",
      CLIENT_ADDRESS_PROXY_HOPS: "6"
    });
    expect(problems.map((problem) => problem.split(":")[0])).toEqual([
      "LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR",
      "LIMIT_RESENDS_PER_INVITATION_PER_DAY",
      "LIMIT_CONTACT_REQUESTS_PER_CLIENT_PER_HOUR",
      "CLIENT_ADDRESS_PROXY_HOPS"
    ]);
  });
});
