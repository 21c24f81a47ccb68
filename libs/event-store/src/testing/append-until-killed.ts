/**
 * A child process for the group-commit crash test (../sqlite-group-commit.int-spec.ts): opens the
 * SQLite store at argv[2] and appends one-event streams for ever, keeping `argv[3]` appends in
 * flight so that batches of several commit on the writer thread, and prints `<id> <position>` for
 * each one the store acknowledged, the moment it does. The test kills it with SIGKILL mid-burst.
 * Run with `node --require @swc-node/register`.
 */
import { SqliteEventStore } from '../sqlite-event-store';
import { anEvent } from './event-builders';

const store = SqliteEventStore.open(process.argv[2]);
const inFlight = Number(process.argv[3] ?? 20);
let next = 0;

function appendOne(): void {
  const event = anEvent('Tested', { n: next });
  const stream = `crash-${next++}`;
  store.append(stream, [event], 'no_stream').then(
    (result) => {
      // A pipe's write is synchronous on Linux: once the ack is printed, the test can count on it.
      process.stdout.write(`${event.id} ${result.position}\n`);
      appendOne();
    },
    (error: unknown) => {
      process.stderr.write(`append failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

for (let i = 0; i < inFlight; i++) appendOne();
