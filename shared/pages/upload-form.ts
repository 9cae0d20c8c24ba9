/**
 * A page form that carries a file (`multipart/form-data`, a file input), checked as strictly as the other page
 * forms (shared/pages/forms.ts, csrf.ts): same site, signed in, the session's CSRF token, and a size bound read
 * before the body is. The local host and the Functions worker both hand the raw body over, and the fetch API's
 * own multipart parser (HttpRequest.formData) reads it.
 */
import { ValidationError } from "../errors";
import { checkSameOrigin, csrfFieldName, FormRefusedError, sameToken } from "./csrf";
import { siteOrigins, type PageContext } from "./page-endpoint";
import type { PageSession } from "./session";

export interface UploadForm {
  readonly session: PageSession;
  /** The form's text fields, trimmed. */
  text(name: string): string | undefined;
  /** The bytes of the file in `name`, or undefined when none was chosen. */
  file(name: string): Promise<{ readonly name: string; readonly bytes: Uint8Array } | undefined>;
}

export async function readUploadForm(page: PageContext, returnTo: string, maxBytes: number): Promise<UploadForm> {
  checkSameOrigin(page.request, siteOrigins(page.request, page.services.publicBaseUrl));
  const session = await page.requireSession(returnTo);
  if (!/^multipart\/form-data\b/i.test(page.request.headers.get("content-type") ?? "")) {
    throw new ValidationError([{ field: "body", message: "must be a form with a file (multipart/form-data)" }]);
  }
  // The file plus the form's few fields: a little over the file's own bound.
  const limit = maxBytes + 64 * 1024;
  if (Number(page.request.headers.get("content-length") ?? "0") > limit)
    throw new ValidationError([{ field: "file", message: `must be at most ${maxBytes} bytes` }]);
  let form: FormData;
  try {
    form = await page.request.formData();
  } catch {
    throw new ValidationError([
      { field: "body", message: "is not a form we can read; choose the file again and send the form once more." }
    ]);
  }
  const csrf = form.get(csrfFieldName);
  if (!sameToken(session.csrfToken, typeof csrf === "string" ? csrf : undefined)) {
    throw new FormRefusedError(
      "This form has expired or did not come from this site. Go back, reload the page and try again."
    );
  }
  return {
    session,
    text(name) {
      const value = form.get(name);
      return typeof value === "string" && value.trim() ? value.trim() : undefined;
    },
    async file(name) {
      const value = form.get(name);
      if (value === null || typeof value === "string" || value.size === 0) return undefined;
      if (value.size > maxBytes)
        throw new ValidationError([{ field: name, message: `must be at most ${maxBytes} bytes` }]);
      return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
    }
  };
}
