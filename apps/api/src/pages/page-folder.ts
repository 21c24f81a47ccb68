/**
 * The one way the API serves a page: a page folder (a `public/` folder of HTML, scripts and
 * styles beside the controller that serves it), the browser modules every page shares (./public/
 * shared, which each page imports as `./shared/…`), and any file from elsewhere (chart.js from
 * node_modules), read once at start-up into memory so that a missing file stops the process before
 * it listens. `npm run build` copies every `public/` folder into dist/ (scripts/copy-public.js), and
 * tsconfig.pages.json type-checks their scripts.
 *
 * The folder's version hashes every file but the pages, so a page can name its files under
 * `/…/{version}/` and they can be cached for good; pages get `{{version}}` replaced by it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Provider } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PAGE_TYPES, pageHeaders } from '../http/page-headers';

export interface WebFile {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** The browser modules every page may import, as `./shared/{file}` (their own `public/` folder, copied by the build like the pages'). */
export const SHARED_DIR = join(__dirname, 'public', 'shared');

export interface PageFolderOptions {
  /** The page folder: its `.html` files are the pages (by name without `.html`), its scripts and styles the files. */
  dir: string;
  /** Serve the shared modules as `shared/{file}` (the default; a test folder may leave them out). */
  shared?: boolean;
  /** More files by the name they are served under, from wherever they are (e.g. node_modules). */
  extra?: Record<string, string>;
}

export class PageFolder {
  /** Pages by name (`index`, `public`), with the version filled in. */
  readonly pages = new Map<string, WebFile>();
  /** Scripts and styles by the path they are served under: `app.js`, `shared/api-client.js`. */
  readonly files = new Map<string, WebFile>();
  readonly version: string;

  constructor({ dir, shared = true, extra = {} }: PageFolderOptions) {
    const raw = new Map<string, Buffer>(servable(dir).map((name) => [name, readFileSync(join(dir, name))]));
    if (shared) for (const name of servable(SHARED_DIR)) raw.set(`shared/${name}`, readFileSync(join(SHARED_DIR, name)));
    for (const [name, path] of Object.entries(extra)) raw.set(name, readFileSync(path));
    const hash = createHash('sha256');
    for (const [name, body] of raw) if (!name.endsWith('.html')) hash.update(name).update(body);
    this.version = hash.digest('hex').slice(0, 12);
    for (const [name, body] of raw) {
      if (name.endsWith('.html')) {
        const page = Buffer.from(body.toString('utf8').replaceAll('{{version}}', this.version));
        this.pages.set(name.slice(0, -'.html'.length), webFile(page, PAGE_TYPES['.html']));
      } else {
        this.files.set(name, webFile(body, PAGE_TYPES[extname(name)]));
      }
    }
  }

  page(name: string): WebFile {
    const page = this.pages.get(name);
    if (!page) throw new Error(`unreachable: the ${name} page was not loaded`);
    return page;
  }

  /** A file by the path it is served under (`shared/` included), or undefined: nothing but what was loaded is served. */
  file(path: string): WebFile | undefined {
    return this.files.get(path);
  }
}

/**
 * A page folder as a Nest provider: `token` is the folder's own subclass of PageFolder, which the
 * controller serving it injects. Read when the module starts, so a missing file stops the process.
 */
export function pageFolderProvider(token: new (options: PageFolderOptions) => PageFolder, options: () => PageFolderOptions): Provider {
  return { provide: token, useFactory: () => new token(options()) };
}

/**
 * Sends a page or a file with the pages' headers (./page-headers.ts) and its ETag, or a 304 when
 * the browser holds that very version. `cacheControl`: `no-cache` for what a browser must
 * revalidate, immutable for what is named by its version; `policy`: the pages' CSP unless given.
 */
export function sendPageFile(reply: FastifyReply, file: WebFile, cacheControl: string, ifNoneMatch: string | undefined, policy?: string): void {
  pageHeaders(reply, cacheControl, policy).header('etag', file.etag);
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag)) {
    reply.status(304).send();
    return;
  }
  reply.status(200).header('content-type', file.contentType).send(file.body);
}

export const PAGE_CACHE = 'no-cache';
export const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

/** The files of a folder that are served (by extension: pages, scripts, styles), in a stable order. */
function servable(dir: string): string[] {
  return readdirSync(dir).filter((name) => Object.hasOwn(PAGE_TYPES, extname(name))).sort();
}

function webFile(body: Buffer, contentType: string): WebFile {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}
