/**
 * Reading several documents of one projection as of one checkpoint: the reads run between two looks
 * at the projection's served checkpoint and run again if a batch (or a rebuild's switch) landed in
 * between, so that a report's counts never come from two positions. After a few tries under a busy
 * projector the last read is taken as it is.
 */
import type { DocumentReads } from '@survey/read-models';

const TRIES = 5;

export async function atOneCheckpoint<T>(reads: DocumentReads, projection: string, readOnce: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const before = await reads.servedCheckpoint(projection);
    const read = await readOnce();
    const after = await reads.servedCheckpoint(projection);
    if ((after.position === before.position && after.generation === before.generation) || attempt >= TRIES) return read;
  }
}
