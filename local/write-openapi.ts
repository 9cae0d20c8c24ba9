/**
 * `node dist/local/write-openapi.js <file>`: writes the OpenAPI document exactly as `GET /api/openapi.json` serves
 * it, built by the same code, so `npm run lint:openapi` lints what clients get and not a copy kept by hand.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { openApiDocument } from "../shared/api/openapi";

const target = process.argv[2];
if (target === undefined || process.argv.length > 3) {
  process.stderr.write("Usage: node dist/local/write-openapi.js <file>\n");
  process.exit(2);
}
const path = resolve(target);
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
process.stdout.write(`OpenAPI document written to ${path}\n`);
