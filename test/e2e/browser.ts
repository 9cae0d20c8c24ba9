/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium, made available by local/ensure-chromium.sh) through
 * playwright-core: no test tool ever downloads a browser. One Chromium per test file (`useBrowser()` in a
 * describe), a fresh browser context (cookies, storage) and page per test. Every page a test opens is watched:
 * a script error, a console error (a CSP violation is one) or any `alert()`/`confirm()`/`prompt()` fails the test.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { repoRoot } from "../helpers/local-runtime";

export const chromiumPath = "/usr/bin/chromium";

/**
 * The flags this kind of machine needs: no sandbox (root), no GPU, and nothing that phones home (the network is
 * closed, and every refused connection would slow the start).
 */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic"
] as const;

export const screenshotDir = join(repoRoot, "test-results", "screenshots");
export const phone = { width: 375, height: 800 } as const;
export const desktop = { width: 1280, height: 800 } as const;

/**
 * Launches Chromium. `chromium.launch` always starts it with a fresh, empty `--user-data-dir` of its own (a new
 * temporary folder, removed on close); passing `--user-data-dir` in `args` is refused by playwright.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: run local/ensure-chromium.sh (as root it installs Debian's chromium package).`
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs], timeout: 30_000 });
}

/** What went wrong in the browser during a test: each entry fails it. */
export interface BrowserProblem {
  readonly kind: "pageerror" | "console" | "dialog" | "crash";
  readonly text: string;
  readonly url: string;
}

export interface BrowserTest {
  readonly context: BrowserContext;
  /** The test's first page; pages the test opens (popups, new tabs) are watched too. */
  readonly page: Page;
  /** Saves a full-page PNG as test-results/screenshots/<file>-<nn>-<name>.png and returns its path. */
  screenshot(name: string, target?: Page): Promise<string>;
  /** A fresh context (no cookies) with its own page, e.g. a second user or another viewport; closed after the test. */
  newContext(options?: {
    viewport?: { width: number; height: number };
  }): Promise<{ context: BrowserContext; page: Page }>;
  /** Console errors matching one of these are expected (e.g. the 403 of a page that says which role is missing). */
  allowConsoleErrors(...patterns: RegExp[]): void;
  readonly problems: readonly BrowserProblem[];
}

export interface BrowserSuiteOptions {
  /** Prefix of this file's screenshots, so files running side by side never overwrite each other's. */
  readonly name: string;
  readonly viewport?: { width: number; height: number };
}

/**
 * Registers the vitest hooks of a browser suite and returns an accessor for the current test's browser state:
 * `const browser = useBrowser({ name: "story" }); it("...", async () => { const { page } = browser(); ... })`.
 */
export function useBrowser(options: BrowserSuiteOptions): () => BrowserTest {
  let chromiumInstance: Browser | undefined;
  let current: (BrowserTest & { contexts: BrowserContext[]; allowed: RegExp[]; list: BrowserProblem[] }) | undefined;
  let shotNumber = 0;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    chromiumInstance = await launchChromium();
  });

  afterAll(async () => {
    await chromiumInstance?.close();
  });

  beforeEach(async () => {
    if (!chromiumInstance) throw new Error("Chromium did not start");
    const browserInstance = chromiumInstance;
    const contexts: BrowserContext[] = [];
    // Chromium asks every site for /favicon.ico on its own; a 404 there is no page's doing.
    const allowed: RegExp[] = [/\/favicon\.ico\)$/];
    const list: BrowserProblem[] = [];

    const watch = (page: Page) => {
      page.on("pageerror", (error) =>
        list.push({ kind: "pageerror", text: String(error.stack ?? error), url: page.url() })
      );
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = `${message.text()} (${message.location().url})`;
        if (!allowed.some((pattern) => pattern.test(text))) list.push({ kind: "console", text, url: page.url() });
      });
      page.on("crash", () => list.push({ kind: "crash", text: "the page crashed", url: page.url() }));
      // A dialog would block the page; dismiss it at once and fail the test: our pages never call alert().
      page.on("dialog", (dialog) => {
        list.push({ kind: "dialog", text: `${dialog.type()}(${JSON.stringify(dialog.message())})`, url: page.url() });
        void dialog.dismiss().catch(() => undefined);
      });
    };

    const newContext = async (contextOptions: { viewport?: { width: number; height: number } } = {}) => {
      const context = await browserInstance.newContext({
        viewport: contextOptions.viewport ?? options.viewport ?? desktop
      });
      context.setDefaultTimeout(10_000);
      context.on("page", watch);
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    };

    const first = await newContext();
    current = {
      ...first,
      contexts,
      allowed,
      list,
      problems: list,
      newContext,
      allowConsoleErrors: (...patterns) => allowed.push(...patterns),
      async screenshot(name, target) {
        shotNumber += 1;
        const file = join(screenshotDir, `${options.name}-${String(shotNumber).padStart(2, "0")}-${slug(name)}.png`);
        await (target ?? first.page).screenshot({ path: file, fullPage: true });
        return file;
      }
    };
  });

  afterEach(async () => {
    const test = current;
    current = undefined;
    if (!test) return;
    await Promise.all(test.contexts.map((context) => context.close().catch(() => undefined)));
    expect(test.list, "script errors, console errors or dialogs in the browser").toEqual([]);
  });

  return () => {
    if (!current) throw new Error("useBrowser(): no browser test is running (call it inside a test)");
    return current;
  };
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
