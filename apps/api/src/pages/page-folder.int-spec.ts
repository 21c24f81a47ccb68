import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { questionnairePage } from '../questionnaire/questionnaire.controller';
import { chartJsPath, DASHBOARD_DIR, WebAssets } from '../web/web-assets';
import { PageFolder, SHARED_DIR } from './page-folder';

describe('PageFolder', () => {
  let dir: string;
  const write = (files: Record<string, string>) => Object.entries(files).forEach(([name, text]) => writeFileSync(join(dir, name), text));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'web-assets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const chart = { 'chart.umd.js': chartJsPath() };

  it('names the assets version in the pages, and keeps other files out', () => {
    write({ 'index.html': '<script src="/assets/{{version}}/a.js"></script>', 'a.js': 'x', 'notes.txt': 'not served' });
    const web = new PageFolder({ dir, shared: false, extra: chart });
    expect(web.page('index').body.toString()).toBe(`<script src="/assets/${web.version}/a.js"></script>`);
    expect([...web.files.keys()].sort()).toEqual(['a.js', 'chart.umd.js']);
    expect(web.file('a.js')!.contentType).toBe('text/javascript; charset=utf-8');
  });

  it('changes the version when an asset changes, and only then', () => {
    write({ 'index.html': 'v1', 'a.js': 'x' });
    const first = new PageFolder({ dir }).version;
    write({ 'index.html': 'v2' });
    expect(new PageFolder({ dir }).version).toBe(first);
    write({ 'a.js': 'y' });
    expect(new PageFolder({ dir }).version).not.toBe(first);
  });

  it('serves the shared modules in every folder under shared/, and nothing else from there', () => {
    write({ 'index.html': '', 'a.js': 'x' });
    const shared = readdirSync(SHARED_DIR).filter((name) => name.endsWith('.js')).sort();
    expect(shared).toEqual(expect.arrayContaining(['api-client.js', 'token.js']));
    const web = new PageFolder({ dir });
    expect([...web.files.keys()].sort()).toEqual(['a.js', ...shared.map((name) => `shared/${name}`)]);
    expect(web.file('api-client.js')).toBeUndefined();
    expect(web.file('shared/../a.js')).toBeUndefined();
  });

  it('loads the real pages, the shared modules and chart.js from node_modules', () => {
    const web = new WebAssets({ dir: DASHBOARD_DIR, extra: chart });
    expect([...web.pages.keys()].sort()).toEqual(['index', 'public']);
    expect(web.file('chart.umd.js')!.body.toString('utf8', 0, 200)).toMatch(/Chart\.js v4/);
    expect(web.file('shared/api-client.js')!.body.toString()).toMatch(/export function apiClient/);
    const questionnaire = new questionnairePage.Pages({ dir: join(__dirname, '..', 'questionnaire', 'public') });
    expect([...questionnaire.pages.keys()]).toEqual(['index']);
    expect(questionnaire.file('shared/token.js')!.body.toString()).toMatch(/export function decodeToken/);
  });

  it('stops at start-up on a folder that is not there', () => {
    expect(() => new PageFolder({ dir: join(dir, 'nope') })).toThrow(/ENOENT/);
  });
});
