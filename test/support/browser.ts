/// <reference lib="dom" />
/**
 * Debian's chromium driven by playwright-core (which downloads no browser), for the pages' tests
 * (the dashboard, the public page, the questionnaire):
 * each page records what would go unnoticed otherwise (script errors, Content-Security-Policy
 * violations, the requests it made and whether they carried a token) and saves screenshots under
 * test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { CHROMIUM_PATH } from './requirements';

/** Where Debian's chromium is (CHROMIUM_PATH overrides it); a suite that needs it is declared with `describeIfInstalled(chromiumInstalled, …)`. */
export const CHROMIUM = CHROMIUM_PATH;
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface Seen {
  page: Page;
  /** Uncaught script errors and console errors. */
  errors: string[];
  /** Content-Security-Policy violations, as `directive: blocked URI`. */
  violations: string[];
  /** Every request the page made: path and query, and whether it sent an Authorization header. */
  requests: { path: string; signed: boolean }[];
}

export async function openPage(browser: Browser, options: { width?: number; height?: number } = {}): Promise<Seen> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const seen: Seen = { page, errors: [], violations: [], requests: [] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(`${m.text()} ${m.location().url}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    seen.requests.push({ path: url.pathname + url.search, signed: 'authorization' in r.headers() });
  });
  await page.exposeFunction('reportViolation', (v: string) => seen.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.effectiveDirective}: ${e.blockedURI}`));
  });
  return seen;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The data of the chart drawn on canvas `#id`, as chart.js holds it (waits until it is drawn). */
export async function chartData(page: Page, id: string): Promise<{ labels: string[]; datasets: { label: string; data: unknown[] }[] }> {
  const handle = await page.waitForFunction((canvasId) => {
    const chart = (window as unknown as { Chart?: { getChart(c: unknown): { data: unknown } | undefined } }).Chart?.getChart(document.getElementById(canvasId));
    return chart ? JSON.parse(JSON.stringify(chart.data)) : undefined;
  }, id);
  return handle.jsonValue();
}

/**
 * A read model that folds nothing more from now on (a projection lagging behind the steps): each
 * GET the page makes to a path that `matches` is answered, every time, with what the server answered
 * it the first time (per URL and token). A page that read an item back after a step would draw it
 * as it was before; one that draws the step's own answer shows the step.
 */
export async function freezeReads(page: Page, matches: (path: string) => boolean): Promise<void> {
  const first = new Map<string, Promise<{ status: number; headers: Record<string, string>; body: Buffer }>>();
  await page.route((url) => matches(url.pathname), async (route) => {
    const request = route.request();
    if (request.method() !== 'GET') return route.fallback();
    const key = `${request.url()} ${request.headers().authorization ?? ''}`;
    let answer = first.get(key);
    if (!answer) {
      answer = route.fetch().then(async (res) => ({ status: res.status(), headers: res.headers(), body: await res.body() }));
      first.set(key, answer);
    }
    await route.fulfill(await answer);
  });
}

/** Presses Tab until the focused element matches `selector`; fails after `most` presses. */
export async function tabTo(page: Page, selector: string, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * A page suite's closing hooks, reading the suite's own variables when they run: after each test,
 * the page it opened met no script error and no Content-Security-Policy violation, and its context
 * is closed; after all, Chromium and the app (either may not have started).
 */
export function closingHooks(current: () => { t?: { close(): Promise<void> }; browser?: Browser; seen?: Seen }): void {
  afterEach(async () => {
    const { seen } = current();
    expect(seen?.errors).toEqual([]);
    expect(seen?.violations).toEqual([]);
    await seen?.page.context().close();
  });
  afterAll(async () => {
    const { t, browser } = current();
    await browser?.close();
    await t?.close();
  });
}
