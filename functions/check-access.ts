import { createHash } from "node:crypto";
import { app } from "@azure/functions";
import { decodeJwt } from "jose";
import { accessCheckQuery } from "../shared/api/access-schemas";
import type { Principal } from "../shared/auth/principal";
import type { TokenVerifier } from "../shared/auth/token-verifier";
import { getServices } from "../shared/composition-root";
import { endpoint, json } from "../shared/http/endpoint";
import { readQuery } from "../shared/http/request-parts";
import { checkAccess } from "../shared/use-cases/check-access";

let tokens: TokenVerifier | undefined;

app.http("checkAccess", {
  route: "api/access",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    tokens ??= rememberingVerifier(getServices().tokenVerifier);
    const caller = await tokens.verify(request.headers.get("authorization"));
    const query = readQuery(request, accessCheckQuery);
    // `endpoint` adds Cache-Control: no-store: a cached "yes" would outlive a revocation.
    return json(await checkAccess(getServices(), caller, query));
  })
});

const rememberMs = 10 * 60_000;
const maxRemembered = 10_000;

/**
 * The access check is the hot path, and a consuming platform sends the same token for many checks: verifying its
 * RS256 signature every time cost about 45 µs, a tenth of the host's CPU per check (bench/access.ts). A token verified
 * once is remembered by its SHA-256 until it expires, and at most 10 minutes (so a signing key withdrawn in an
 * emergency stops working soon after). Only successes are remembered; anything else is verified in full.
 */
function rememberingVerifier(inner: TokenVerifier): TokenVerifier {
  const verified = new Map<string, { readonly principal: Principal; readonly untilMs: number }>();
  return {
    async verify(header) {
      if (!header) return inner.verify(header);
      const key = createHash("sha256").update(header).digest("base64");
      const nowMs = Date.now();
      const remembered = verified.get(key);
      if (remembered && remembered.untilMs > nowMs) return remembered.principal;
      verified.delete(key);
      const principal = await inner.verify(header);
      const exp = decodeJwt(header.replace(/^\s*Bearer +/i, "").trim()).exp;
      if (typeof exp === "number" && exp * 1000 > nowMs) {
        if (verified.size >= maxRemembered) verified.delete(verified.keys().next().value as string); // the oldest
        verified.set(key, { principal, untilMs: Math.min(exp * 1000, nowMs + rememberMs) });
      }
      return principal;
    }
  };
}
