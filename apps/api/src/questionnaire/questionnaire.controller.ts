/**
 * Serves the enterprises' questionnaire page (`/q`) and its few static files (`/q/{file}`, the
 * shared modules under `/q/shared/`). The link's token travels in the fragment (`/q#t=…`), which
 * browsers never send to a server, and the page moves it to sessionStorage at once. The files
 * are not versioned (the page's address is mailed out and names them as they are), so every one is
 * revalidated; the pages' headers forbid anything but this origin and send no Referer anywhere.
 */
import { join } from 'node:path';
import { pageFolderController } from '../pages/page-folder-controller';

export const questionnairePage = pageFolderController({ name: 'Questionnaire', route: 'q', dir: join(__dirname, 'public') });
