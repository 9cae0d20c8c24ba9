/** Reading an HTML form post (application/x-www-form-urlencoded), bounded like the API's JSON bodies. */
import type { HttpRequest } from "@azure/functions";
import { ValidationError } from "../errors";

const maxFormBytes = 64 * 1024;

export async function readFormBody(request: HttpRequest): Promise<URLSearchParams> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    throw new ValidationError([{ field: "body", message: "must be a form (application/x-www-form-urlencoded)" }]);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxFormBytes) throw new ValidationError([{ field: "body", message: `must be at most ${maxFormBytes} bytes` }]);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxFormBytes) throw new ValidationError([{ field: "body", message: `must be at most ${maxFormBytes} bytes` }]);
  return new URLSearchParams(text);
}

/** A text field, trimmed; undefined when absent or blank. */
export function field(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name)?.trim();
  return value ? value : undefined;
}
