/**
 * Which items a queue must read, from the queues' index (@survey/read-models queue-index.ts): the
 * entries of the reader's scope in the buckets its status filter needs, narrowed by what the
 * entries carry (a campaign, a category). The handler then reads and folds those documents only,
 * and still checks every filter and the viewer's right on the folded item: the index only narrows.
 */
import { DocumentReads, QueueBucket, QueueEntry, queuePrefix, QueueScope } from '@survey/read-models';

export async function queueIds(
  reads: DocumentReads, collection: string, scope: QueueScope, buckets: readonly QueueBucket[], keep: (entry: QueueEntry) => boolean,
): Promise<string[]> {
  const ids: string[] = [];
  for (const bucket of buckets) {
    for (const entry of await reads.list<QueueEntry>(collection, queuePrefix(bucket, scope))) if (keep(entry)) ids.push(entry.id);
  }
  return ids;
}
