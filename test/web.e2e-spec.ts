/**
 * The pages as HTTP resources: content types, the Content-Security-Policy, caching (pages
 * revalidate, versioned assets are immutable, ETags give 304s), chart.js served from
 * node_modules as is, and the published-campaigns list anyone may read. Also checks that the
 * built server (`npm start` from dist/) serves the same pages, i.e. that the build copies them.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, startApp, TestApp } from './support/app';
import { expectProblem } from './support/problem';
import { call, ServerProcess } from './support/server-process';
import { openCampaign } from './support/survey';
import { chartJsPath } from '../apps/api/src/web/web-assets';

const assetPaths = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

describe('the pages over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startApp()));
  afterAll(() => t.close());

  it.each(['/', '/public', '/results/xz-2019'])('serves %s as HTML with a strict Content-Security-Policy, revalidated', async (path) => {
    const res = await t.http().get(path).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-cache');
    // No inline script or style for the policy to have to allow.
    expect(res.text).not.toMatch(/<script>|<script [^>]*>[^<]|<style|style="/);
    const again = await t.http().get(path).set('if-none-match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it('serves every asset a page names, with its content type, cached for good under its version', async () => {
    const page = await t.http().get('/').expect(200);
    const paths = assetPaths(page.text);
    expect(paths.map((p) => p.split('/').pop())).toEqual(['dashboard.css', 'chart.umd.js', 'dashboard.js']);
    for (const path of paths) {
      const res = await t.http().get(path).expect(200);
      expect(res.headers['content-type']).toBe(path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    }
    const chart = await t.http().get(paths[1]).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect((chart.body as Buffer).equals(readFileSync(chartJsPath()))).toBe(true);
  });

  it('answers an unknown asset, or one of another version, with a problem', async () => {
    const [css] = assetPaths((await t.http().get('/').expect(200)).text);
    expectProblem(await t.http().get(css.replace(/\/assets\/[^/]+\//, '/assets/000000000000/')), 404);
    expectProblem(await t.http().get(css.replace('dashboard.css', 'nothing.js')), 404);
    expectProblem(await t.http().get(css.replace('dashboard.css', '..%2Fweb.controller.ts')), 404);
  });

  it('lists only published campaigns to anyone, with what publishing made public', async () => {
    await openCampaign(t, 'c-open', { year: 2019 });
    await openCampaign(t, 'c-published', { year: 2018 });
    await t.http().post('/v1/campaigns/c-published/close').set(admin).expect(200);
    await t.http().post('/v1/campaigns/c-published/publish').set(admin).expect(200);
    await t.settle();
    const res = await t.http().get('/v1/public/campaigns').expect(200);
    expect(res.body).toEqual({ campaigns: [{ id: 'c-published', year: 2018, title: '评议 c-published', publishedAt: expect.any(String) }] });
  });
});

describe('the built server', () => {
  it('serves the pages and their assets from dist/', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'survey-web-'));
    const server = await ServerProcess.start(dataDir);
    try {
      const page = await call('GET', `${server.url}/`);
      expect(page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
      for (const path of assetPaths(page.body as string)) expect((await call('GET', `${server.url}${path}`)).status).toBe(200);
    } finally {
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Starting the built server takes about 4 s alone; under a shared machine's load it went past jest's 5 s default.
  }, 30_000);
});
