/**
 * A replay worker thread, run by ReplayPool through piscina: it opens the event log itself, once
 * (SQLite: events.db read-only on its own connection; EventStoreDB: the same URL and namespace as
 * the API), and folds each task with the same pure projection code as everywhere else, so the
 * event loop that answers HTTP never runs a replay.
 */
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { eventUpcasters } from '@survey/domain';
import { EsdbEventStore, EventStore, ReadOnlySqliteLog, withUpcasting } from '@survey/event-store';
import { FoldedAt, foldToTargets, ReplayTask } from './fold-to-targets';
import type { ReplaySource } from './replay-source';

let store: EventStore | undefined;

function open(source: ReplaySource): EventStore {
  const log = source.kind === 'sqlite' ? ReadOnlySqliteLog.open(source.file) : EsdbEventStore.connect(source.url, { namespace: source.namespace });
  return withUpcasting(log, eventUpcasters);
}

export default async function replay({ task, progress }: { task: ReplayTask; progress?: MessagePort }): Promise<FoldedAt[]> {
  store ??= open(workerData as ReplaySource);
  try {
    return await foldToTargets(store, task, progress && ((position, target) => progress.postMessage({ position, target })));
  } finally {
    progress?.close();
  }
}
