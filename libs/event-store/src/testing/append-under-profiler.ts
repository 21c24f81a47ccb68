/**
 * A child process for the write-lock test (../sqlite-write-lock.int-spec.ts), run under V8's CPU
 * profiler (`node --cpu-prof`), whose SIGPROF signals end SQLite's busy-handler sleeps early: opens
 * the SQLite store at argv[2] with a lock budget of argv[3] ms, appends once to start its writer
 * thread and prints `ready`; at the first line on stdin (the test has taken the lock meanwhile)
 * appends again, prints `waiting`, then that append's result as JSON (or `failed <code> <message>`).
 * Run with `node --require @swc-node/register`.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SqliteEventStore } from '../sqlite-event-store';
import { anEvent } from './event-builders';

async function main(): Promise<void> {
  const waits: string[] = [];
  const store = SqliteEventStore.open(process.argv[2], { busyTimeoutMs: Number(process.argv[3]), onLockWait: (line) => waits.push(line) });
  await store.append('warm-up', [anEvent('Tested', { n: 0 })], 'no_stream');
  const input = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  await once(input, 'line');
  input.close();
  const appended = store.append('profiled', [anEvent('Tested', { n: 1 })], 'no_stream');
  process.stdout.write('waiting\n');
  try {
    process.stdout.write(`${JSON.stringify({ result: await appended, waits })}\n`);
  } catch (error) {
    process.stdout.write(`failed ${(error as { code?: string }).code} ${(error as Error).message}\n`);
  }
  await store.close();
}

void main();
