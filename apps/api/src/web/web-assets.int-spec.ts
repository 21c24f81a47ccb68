import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartJsPath, DASHBOARD_DIR, WebAssets } from './web-assets';

describe('WebAssets', () => {
  let dir: string;
  const write = (files: Record<string, string>) => Object.entries(files).forEach(([name, text]) => writeFileSync(join(dir, name), text));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'web-assets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the assets version in the pages, and keeps other files out', () => {
    write({ 'index.html': '<script src="/assets/{{version}}/a.js"></script>', 'a.js': 'x', 'notes.txt': 'not served' });
    const web = new WebAssets(dir);
    expect(web.pages.get('index')!.body.toString()).toBe(`<script src="/assets/${web.version}/a.js"></script>`);
    expect([...web.assets.keys()].sort()).toEqual(['a.js', 'chart.umd.js']);
    expect(web.assets.get('a.js')!.contentType).toBe('text/javascript; charset=utf-8');
  });

  it('changes the version when an asset changes, and only then', () => {
    write({ 'index.html': 'v1', 'a.js': 'x' });
    const first = new WebAssets(dir).version;
    write({ 'index.html': 'v2' });
    expect(new WebAssets(dir).version).toBe(first);
    write({ 'a.js': 'y' });
    expect(new WebAssets(dir).version).not.toBe(first);
  });

  it('loads the real pages and chart.js from node_modules', () => {
    const web = new WebAssets(DASHBOARD_DIR, chartJsPath());
    expect([...web.pages.keys()].sort()).toEqual(['index', 'public']);
    expect(web.assets.get('chart.umd.js')!.body.toString('utf8', 0, 200)).toMatch(/Chart\.js v4/);
  });
});
