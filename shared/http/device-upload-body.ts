/**
 * Reads an OEM's device upload in either form the API takes: `application/json` (`{"devices": [...]}`) or
 * `text/csv` in the Windows Autopilot layout, with `?manufacturer=&model=` for a file without those columns. Both
 * end as the same checked rows, or a 400 naming every row and field that is wrong. A body is at most 10 MB: 1,000
 * devices with hashes at the upper bound of 8,192 characters, and room to spare.
 */
import type { HttpRequest } from "@azure/functions";
import { deviceUploadBody, deviceUploadQuery } from "../api/device-schemas";
import { checkCsvUpload, checkUpload, jsonField, type UploadRow } from "../devices/device-upload";
import { ValidationError } from "../errors";
import { readJsonBody } from "./json-body";
import { readQuery } from "./request-parts";

export const maxUploadBytes = 10 * 1024 * 1024;

export async function readDeviceUpload(request: HttpRequest): Promise<UploadRow[]> {
  const query = readQuery(request, deviceUploadQuery);
  const [mediaType, ...parameters] = (request.headers.get("content-type") ?? "")
    .split(";")
    .map((part) => part.trim().toLowerCase());
  if (mediaType === "application/json") {
    const body = await readJsonBody(request, deviceUploadBody, maxUploadBytes);
    return checkUpload(
      body.devices.map((input) => ({ input })),
      jsonField
    );
  }
  if (mediaType === "text/csv") {
    const charset = parameters
      .find((parameter) => parameter.startsWith("charset="))
      ?.slice("charset=".length)
      .replaceAll('"', "");
    if (charset && charset !== "utf-8" && charset !== "us-ascii")
      throw new ValidationError([
        { field: "content-type", message: "text/csv must be UTF-8 (charset=utf-8) or ASCII." }
      ]);
    return checkCsvUpload(await readUtf8Body(request), query);
  }
  throw new ValidationError([
    {
      field: "content-type",
      message: "must be application/json (a list of devices) or text/csv (the Windows Autopilot layout)."
    }
  ]);
}

async function readUtf8Body(request: HttpRequest): Promise<string> {
  const tooLarge = () =>
    new ValidationError([{ field: "body", message: `larger than the ${maxUploadBytes}-byte limit` }]);
  if (Number(request.headers.get("content-length") ?? "0") > maxUploadBytes) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > maxUploadBytes) throw tooLarge();
  return decodeUtf8(bytes);
}

/** Strict UTF-8 (ASCII is UTF-8): an ANSI file with accented letters would otherwise turn them into U+FFFD silently. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError([
      { field: "body", message: "is not UTF-8 text. Save the file as CSV UTF-8 (or plain ASCII) and upload it again." }
    ]);
  }
}
