/**
 * Reading an HTML form post, bounded like the API's JSON bodies: application/x-www-form-urlencoded, or — for a page
 * that takes a file (the bulk invitation CSV) and says so — multipart/form-data, whose file parts arrive as text.
 */
import type { HttpRequest } from "@azure/functions";
import { ValidationError } from "../errors";

const maxFormBytes = 64 * 1024;

/** A page that takes a file: up to `maxBytes`, multipart allowed. */
export interface UploadOptions {
  readonly maxBytes: number;
}

export async function readFormBody(request: HttpRequest, upload?: UploadOptions): Promise<URLSearchParams> {
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = upload !== undefined && /^multipart\/form-data\b/i.test(contentType);
  if (!multipart && !/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    throw new ValidationError([
      {
        field: "body",
        message: upload ? "must be a form (multipart/form-data)" : "must be a form (application/x-www-form-urlencoded)"
      }
    ]);
  }
  const maxBytes = upload?.maxBytes ?? maxFormBytes;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  return multipart ? readMultipart(bytes, contentType) : new URLSearchParams(bytes.toString("utf8"));
}

/** A text field, trimmed; undefined when absent or blank. */
export function field(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name)?.trim();
  return value ? value : undefined;
}

async function readMultipart(bytes: Buffer, contentType: string): Promise<URLSearchParams> {
  let parts: FormData;
  try {
    parts = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new ValidationError([{ field: "body", message: "is not a readable multipart form" }]);
  }
  const form = new URLSearchParams();
  for (const [name, value] of parts.entries()) {
    form.append(name, typeof value === "string" ? value : decodeText(Buffer.from(await value.arrayBuffer()), name));
  }
  return form;
}

/**
 * A file's text: UTF-8 (with or without a byte-order mark), or UTF-16 with its byte-order mark (what spreadsheet
 * programs write as "Unicode text"). Anything else is refused rather than guessed.
 */
export function decodeText(bytes: Buffer, name: string): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationError([{ field: name, message: "is not UTF-8 or UTF-16 text; save the file as CSV UTF-8" }]);
  }
}

function tooLarge(maxBytes: number): ValidationError {
  return new ValidationError([{ field: "body", message: `must be at most ${maxBytes} bytes` }]);
}
