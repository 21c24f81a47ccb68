/// <reference lib="dom" />
/**
 * Swagger UI at /docs in a real browser (Debian's Chromium through playwright-core) against the real
 * app: it loads the description and shows every operation, with no script error and no
 * Content-Security-Policy violation under the pages' strict policy (no inline script or style, no
 * other origin: no validator badge, no fonts or images from elsewhere).
 */
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot } from './support/browser';
import { startApp, TestApp } from './support/app';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';

jest.setTimeout(90_000);

describeIfInstalled(chromiumInstalled, 'the API description page in a browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every operation of /docs/openapi.json, with no script error and no policy violation', async () => {
    const description = (await t.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(description.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const seen = await openPage(browser);
    await seen.page.goto(`${t.url}/docs`);
    await seen.page.waitForFunction((n) => document.querySelectorAll('.opblock').length === n, operations, { timeout: 30_000 });
    expect(await seen.page.locator('.opblock-summary-path').first().textContent()).toMatch(/^\/v1\//);
    await screenshot(seen.page, 'docs-desktop.png');
    expect(seen.errors).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(seen.requests.map((r) => r.path).filter((p) => !p.startsWith('/docs'))).toEqual([]);
  });
});
