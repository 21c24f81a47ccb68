/**
 * The dashboard's and the public results page's folder (./public, beside this file in the source
 * tree and, through the build's copy step, in dist/), with the shared modules and chart.js's UMD
 * build, resolved from node_modules as a runtime dependency. Served under /assets/{version}/ so
 * that every file can be cached for good: a new build changes the version and the pages name it.
 */
import { dirname, join } from 'node:path';
import { PageFolder, pageFolderProvider } from '../pages/page-folder';

export const DASHBOARD_DIR = join(__dirname, 'public');

/** chart.js's package exports only its module builds; the UMD file sits beside the CommonJS one. */
export function chartJsPath(): string {
  return join(dirname(require.resolve('chart.js')), 'chart.umd.js');
}

/** The folder as the web controller injects it. */
export class WebAssets extends PageFolder {}

export const webAssets = pageFolderProvider(WebAssets, () => ({ dir: DASHBOARD_DIR, extra: { 'chart.umd.js': chartJsPath() } }));
