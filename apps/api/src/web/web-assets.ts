/**
 * The dashboard's static files, read once at start-up into memory: the pages and scripts of
 * ./public (beside this file in the source tree and, through the build's copy step, in dist/)
 * and chart.js's UMD build, resolved from node_modules as a runtime dependency.
 *
 * Assets are served under /assets/{version}/ where the version hashes every asset's content, so
 * they can be cached for good: a new build changes the version and the pages name the new one.
 * Relative imports between the scripts stay inside that versioned folder.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { PAGE_TYPES as TYPES } from '../http/page-headers';

export interface WebFile {
  body: Buffer;
  contentType: string;
  etag: string;
}


/** Where the pages and scripts live: next to the compiled (or, under jest, the source) file (scripts/copy-public.js copies them into dist/). */
export const DASHBOARD_DIR = join(__dirname, 'public');

/** chart.js's package exports only its module builds; the UMD file sits beside the CommonJS one. */
export function chartJsPath(): string {
  return join(dirname(require.resolve('chart.js')), 'chart.umd.js');
}

export class WebAssets {
  /** Pages by name (`index`, `public`), with the asset version filled in. */
  readonly pages = new Map<string, WebFile>();
  /** Scripts and styles by file name. */
  readonly assets = new Map<string, WebFile>();
  readonly version: string;

  constructor(dir = DASHBOARD_DIR, chartJs = chartJsPath()) {
    const files = readdirSync(dir).filter((name) => TYPES[extname(name)]).sort();
    const raw = new Map<string, Buffer>(files.map((name) => [name, readFileSync(join(dir, name))]));
    raw.set('chart.umd.js', readFileSync(chartJs));
    const hash = createHash('sha256');
    for (const [name, body] of raw) if (!name.endsWith('.html')) hash.update(name).update(body);
    this.version = hash.digest('hex').slice(0, 12);
    for (const [name, body] of raw) {
      if (name.endsWith('.html')) {
        const page = Buffer.from(body.toString('utf8').replaceAll('{{version}}', this.version));
        this.pages.set(name.slice(0, -'.html'.length), webFile(page, TYPES['.html']));
      } else {
        this.assets.set(name, webFile(body, TYPES[extname(name)]));
      }
    }
  }
}

function webFile(body: Buffer, contentType: string): WebFile {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}
