/**
 * Serves the enterprises' requests page (`/r`): an enterprise files a request, follows its requests
 * and rates an answer (CLOSED-LOOP.md "Pages"). Its personal link (`survey link`) carries the
 * token in the fragment (`/r#t=…`), which browsers never send to a server, and the page moves it to
 * sessionStorage at once, as `/q` does. Its files are `/r/{file}`, the shared modules `/r/shared/`,
 * all revalidated (the link names them as they are).
 */
import { join } from 'node:path';
import { pageFolderController } from '../pages/page-folder-controller';

export const requestPage = pageFolderController({ name: 'RequestPage', route: 'r', dir: join(__dirname, 'public') });
