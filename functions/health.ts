import { app, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { cosmosProbe } from "../shared/cosmos/cosmos-probe";
import { checkHealth } from "../shared/health/check-health";
import { problemResponse } from "../shared/http/problem";

const probeTimeoutMs = 3_000;

async function health(_request: unknown, context: InvocationContext): Promise<HttpResponseInit> {
  let services;
  try {
    services = getServices();
  } catch (error) {
    context.error("Health check could not run:", error instanceof Error ? error.message : error);
    return problemResponse({
      status: 503,
      title: "Service Unavailable",
      detail: "The app settings are invalid; the log names the keys."
    });
  }
  const report = await checkHealth([cosmosProbe(services.database)], probeTimeoutMs);
  if (report.healthy) return { status: 200, jsonBody: { status: "ok", ...report.dependencies } };
  return problemResponse({
    status: 503,
    title: "Service Unavailable",
    detail: "A dependency did not answer in time.",
    ...report.dependencies
  });
}

app.http("health", { route: "api/health", methods: ["GET"], authLevel: "anonymous", handler: health });
