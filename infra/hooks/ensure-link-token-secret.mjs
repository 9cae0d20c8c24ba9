// azd preprovision hook: gives this azd environment its own LINK_TOKEN_SECRET, once. azd passes the environment's
// values to hooks as environment variables; infra/main.parameters.json hands LINK_TOKEN_SECRET to the Bicep, which
// stores it in Key Vault only. The value stays in .azure/<env>/.env on this machine (never commit .azure/) and is
// reused by every later `azd provision`: the email handler derives each link from this secret and the invitation's
// nonce, so a new secret would break the links of invitations created before it and sent or re-sent after it.
import { Buffer } from "node:buffer";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import process from "node:process";

const minimumBytes = 32;
const existing = process.env.LINK_TOKEN_SECRET?.trim() ?? "";

if (existing !== "") {
  if (Buffer.from(existing, "base64").length < minimumBytes) {
    process.stderr.write(`LINK_TOKEN_SECRET in this azd environment is shorter than ${minimumBytes} bytes; set a longer one with azd env set.\n`);
    process.exit(1);
  }
  process.stdout.write("LINK_TOKEN_SECRET is already set for this azd environment; keeping it.\n");
} else {
  const secret = randomBytes(minimumBytes).toString("base64");
  execFileSync("azd", ["env", "set", "LINK_TOKEN_SECRET", secret], { stdio: ["ignore", "ignore", "inherit"] });
  process.stdout.write("Generated LINK_TOKEN_SECRET (32 random bytes) for this azd environment.\n");
}
