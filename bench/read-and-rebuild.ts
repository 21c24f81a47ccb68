/**
 * Runs in a process of its own (as a projector or `survey rebuild` would), so the rebuild is not
 * measured inside the heap of the bench harness: prints the bare-read and rebuild rates as JSON.
 */
import { join } from 'node:path';
import { bareRead, bareReadBatched, rebuild } from './rebuild';

async function main(dir: string): Promise<void> {
  bareRead(dir); // warm the page cache for every measurement
  const bareReadPerSec = bareRead(dir);
  const batchedReadPerSec = bareReadBatched(dir);
  const rebuildPerSec = await rebuild(dir, join(dir, 'read-models.db'));
  console.log(JSON.stringify({ bareReadPerSec, batchedReadPerSec, rebuildPerSec }));
}

void main(process.argv[2]);
