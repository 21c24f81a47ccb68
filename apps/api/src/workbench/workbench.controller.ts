/**
 * Serves the staff workbench (`/workbench`): the centre's and the agencies' queues of cases, one
 * case's history and the steps the reader's role may take (CLOSED-LOOP.md "Pages"). Its files are
 * under `/workbench/{file}` and the shared modules under `/workbench/shared/`, all revalidated (a
 * staff page is opened from a bookmark, never cached stale). The token is pasted into the page and
 * kept in the tab's sessionStorage, as the dashboard keeps the analyst's: this route sees none.
 */
import { join } from 'node:path';
import { pageFolderController } from '../pages/page-folder-controller';

export const workbenchPage = pageFolderController({ name: 'Workbench', route: 'workbench', dir: join(__dirname, 'public') });
