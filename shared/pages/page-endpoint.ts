/**
 * Wraps a page handler, as `endpoint` wraps an API handler: the handler gets a PageContext (the services, who is
 * signed in, the checked form of a POST, rendering inside the layout), and whatever it throws becomes a page — a redirect to
 * sign in, the role that is needed, a plain "not found" — with the pages' security headers on every answer.
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { TokenVerifier } from "../auth/token-verifier";
import { AppError, AuthenticationError, ForbiddenError } from "../errors";
import type { Services } from "../services";
import { checkCsrfToken, checkSameOrigin } from "./csrf";
import { readFormBody, type UploadOptions } from "./forms";
import type { SafeHtml } from "./html";
import { layout, type NavKind } from "./layout";
import { htmlResponse, pageJson, redirect, type PageResponseOptions } from "./page-response";
import { pathOf, safeReturnPath } from "./return-to";
import { readPageSession, signInLocation, signOutLocation, type PageSession } from "./session";
import { errorView, roleNeededView, type ErrorView } from "./views/error-page";

export interface PageSettings {
  readonly easyAuthEnabled: boolean;
  readonly signInUrl: string;
  readonly signOutUrl: string;
  readonly tokenVerifier: TokenVerifier;
  readonly linkTokenSecret: Buffer;
  readonly publicBaseUrl: string;
}

export interface RenderOptions extends PageResponseOptions {
  readonly title: string;
  readonly body: SafeHtml;
  /** Which site navigation to show; "customer" for a signed-in user unless said otherwise. */
  readonly nav?: NavKind;
}

export interface PageContext {
  /** Handed in by `pagesWith`'s binding; looked up only when first read, as the config is parsed on first use. */
  readonly services: Services;
  readonly request: HttpRequest;
  readonly invocation: InvocationContext;
  /** Path and query of this request (a safe `returnTo`). */
  readonly path: string;
  /** The signed-in user, or undefined. Read once per request. */
  session(): Promise<PageSession | undefined>;
  /** The signed-in user; anyone else is sent to sign in and then back to `returnTo` (this page for a GET). */
  requireSession(returnTo?: string): Promise<PageSession>;
  /** A POST's form, after the same-site and CSRF checks; needs a signed-in user. With `upload`, a file may come too (multipart). */
  readForm(returnTo?: string, upload?: UploadOptions): Promise<{ session: PageSession; form: URLSearchParams }>;
  render(options: RenderOptions): Promise<HttpResponseInit>;
  signInUrl(returnTo?: string): string;
  /** Signs out, then in again, landing on `returnTo`: "sign in as another user". */
  switchUserUrl(returnTo?: string): string;
}

export type PageHandler = (page: PageContext) => Promise<HttpResponseInit>;

class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super("Sign-in required");
  }
}

/** `page` and `pageData` bound to where the services come from (shared/wiring.ts binds the composition root). */
export function pagesWith(services: () => Services) {
  const fromServices = () => pageSettingsOf(services());
  return {
    page: (handler: PageHandler, settings: () => PageSettings = fromServices) => page(handler, services, settings),
    pageData: (handler: PageHandler, settings: () => PageSettings = fromServices) =>
      pageData(handler, services, settings)
  };
}

function page(handler: PageHandler, services: () => Services, settings: () => PageSettings): HttpHandler {
  return async (request, invocation) => {
    const context = createPageContext(request, invocation, services, settings);
    try {
      return await handler(context);
    } catch (error) {
      return errorResponse(context, error);
    }
  };
}

function pageSettingsOf(services: Services): PageSettings {
  return {
    ...services.config.pages,
    tokenVerifier: services.tokenVerifier,
    linkTokenSecret: services.linkTokenSecret,
    publicBaseUrl: services.publicBaseUrl
  };
}

function createPageContext(
  request: HttpRequest,
  invocation: InvocationContext,
  services: () => Services,
  settings: () => PageSettings
): PageContext {
  const path = pathOf(request.url);
  let sessionRead: Promise<PageSession | undefined> | undefined;
  const context: PageContext = {
    get services() {
      return services();
    },
    request,
    invocation,
    path,
    session() {
      sessionRead ??= readPageSession(request, settings());
      return sessionRead;
    },
    async requireSession(returnTo) {
      const session = await context.session();
      if (!session) throw new SignInRequired(safeReturnPath(returnTo ?? (request.method === "GET" ? path : "/")));
      return session;
    },
    async readForm(returnTo, upload) {
      const current = settings();
      checkSameOrigin(request, siteOrigins(request, current.publicBaseUrl));
      const session = await context.requireSession(returnTo);
      const form = await readFormBody(request, upload);
      checkCsrfToken(session.csrfToken, form);
      return { session, form };
    },
    async render(options) {
      const session = await context.session().catch(() => undefined);
      const current = settings();
      const document = layout({
        title: options.title,
        body: options.body,
        principal: session?.principal,
        nav: options.nav ?? (session ? "customer" : "none"),
        currentPath: new URL(request.url).pathname,
        signInUrl: signInLocation(current, path),
        signOutUrl: signOutLocation(current, "/")
      });
      return htmlResponse(document, options);
    },
    signInUrl(returnTo) {
      return signInLocation(settings(), safeReturnPath(returnTo ?? path));
    },
    switchUserUrl(returnTo) {
      const current = settings();
      return signOutLocation(current, signInLocation(current, safeReturnPath(returnTo ?? path)));
    }
  };
  return context;
}

/** This site as the browser names it: the request's own origin and the configured public one. */
export function siteOrigins(request: HttpRequest, publicBaseUrl: string): string[] {
  return [new URL(request.url).origin, new URL(publicBaseUrl).origin].map((origin) => origin.toLowerCase());
}

async function errorResponse(context: PageContext, error: unknown): Promise<HttpResponseInit> {
  try {
    if (error instanceof SignInRequired) return redirect(context.signInUrl(error.returnTo));
    if (error instanceof AuthenticationError) return redirect(context.signInUrl());
    return renderError(context, await describeError(context, error));
  } catch (failure) {
    context.invocation.error("The error page failed:", failure instanceof Error ? failure.message : String(failure));
    return htmlResponse(errorView(500, "Something went wrong on our side.").body, { status: 500 });
  }
}

async function describeError(context: PageContext, error: unknown): Promise<ErrorView> {
  if (error instanceof ForbiddenError) {
    const session = await context.session().catch(() => undefined);
    if (session) {
      return roleNeededView({
        principal: session.principal,
        reason: error.message,
        requiredRole: error.requiredRole,
        signInAsAnotherUserUrl: context.switchUserUrl()
      });
    }
  }
  if (error instanceof AppError) return errorView(error.status, error.message);
  context.invocation.error(
    "Unhandled error:",
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error)
  );
  return errorView(
    500,
    `Something went wrong on our side. The log has the details under invocation id ${context.invocation.invocationId}.`
  );
}

function renderError(context: PageContext, view: ErrorView): Promise<HttpResponseInit> {
  return context.render({ title: view.title, body: view.body, status: view.status });
}

/**
 * A small JSON answer for the pages' own script (status polling), authorised like the page it serves: not signed
 * in is a 401, anything the use case refuses keeps its status, with a short message and nothing else.
 */
function pageData(handler: PageHandler, services: () => Services, settings: () => PageSettings): HttpHandler {
  return async (request, invocation) => {
    const context = createPageContext(request, invocation, services, settings);
    try {
      return await handler(context);
    } catch (error) {
      if (error instanceof SignInRequired || error instanceof AuthenticationError)
        return pageJson({ error: "Sign in again." }, 401);
      if (error instanceof AppError) return pageJson({ error: error.message }, error.status);
      invocation.error(
        "Unhandled error:",
        error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error)
      );
      return pageJson({ error: "Something went wrong on our side." }, 500);
    }
  };
}
