/**
 * The CLI side of `survey rebuild [projection]`: the stores the API uses (same environment, same
 * loadConfig), each projection rebuilt in turn into a fresh generation while the running API or
 * projector keeps serving the old one (libs/read-models/src/rebuild.ts), a progress bar on stderr,
 * the outcome on stdout. Ctrl-C stops at the end of the batch in hand; running again resumes.
 * Another rebuild of the same projection still running: one line, exit 1.
 */
import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, Projections } from '@survey/application';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { GenerationBusy, READ_MODEL_STORE, ReadModelStore, Rebuild, RebuildOutcome } from '@survey/read-models';
import { count, EXIT, interruptible, printResult, progress, UsageError } from '../conventions';
import { withCliContext } from '../cli-context';
import { throttled } from './throttled';

export interface RebuildCliOptions {
  json?: boolean;
  maxRate?: number;
}

type Done = RebuildOutcome & { seconds: number; eventsPerSecond: number };

export function runRebuild(config: AppConfig, only: string | undefined, options: RebuildCliOptions): Promise<number> {
  // The API or apps/projector runs the live projections; this process only rebuilds.
  return withCliContext(config, (app) => rebuildProjections(app, only, options));
}

async function rebuildProjections(app: INestApplicationContext, only: string | undefined, options: RebuildCliOptions): Promise<number> {
  const stop = interruptible(() => process.stderr.write('\nstopping at the end of the batch in hand (Ctrl-C again to quit at once)\n'));
  try {
    const known = app.get(Projections).definitions;
    const chosen = only === undefined ? known : known.filter((p) => p.name === only);
    if (chosen.length === 0) throw new UsageError(`no projection named ${only}: the projections are ${known.map((p) => p.name).join(', ')}`);
    const events = app.get<EventStore>(EVENT_STORE);
    const store = app.get<ReadModelStore>(READ_MODEL_STORE);
    const source = options.maxRate ? throttled(events, options.maxRate) : events;
    const batchSize = options.maxRate ? Math.max(1, Math.min(2000, Math.floor(options.maxRate / 10))) : undefined;
    const done: Done[] = [];
    for (const projection of chosen) {
      const rebuild = new Rebuild(source, store, projection, { batchSize, signal: stop.signal });
      const bar = progress(`rebuild ${projection.name}`, 'events');
      const started = Date.now();
      const timer = setInterval(() => bar.update(rebuild.status().position, rebuild.status().head), 200);
      let outcome: RebuildOutcome;
      try {
        outcome = await rebuild.run();
      } catch (error) {
        if (!(error instanceof GenerationBusy)) throw error;
        bar.stop();
        process.stderr.write(`${error.message}\n`);
        return EXIT.failed;
      } finally {
        clearInterval(timer);
        bar.stop();
      }
      const seconds = (Date.now() - started) / 1000;
      done.push({ ...outcome, seconds, eventsPerSecond: Math.round((outcome.position - outcome.resumedFrom) / Math.max(seconds, 0.001)) });
      if (outcome.outcome === 'interrupted') break;
    }
    const interrupted = done.some((d) => d.outcome === 'interrupted');
    printResult(options.json, { projections: done }, () => done.map(describe).join('\n'));
    return interrupted ? EXIT.interrupted : EXIT.ok;
  } finally {
    stop.dispose();
  }
}

function describe(d: Done): string {
  const pace = `${count(d.position - d.resumedFrom)} events in ${d.seconds.toFixed(1)} s (${count(d.eventsPerSecond)} events/s)`;
  const resumed = d.resumedFrom > 0 ? `, resumed at position ${count(d.resumedFrom)}` : '';
  if (d.outcome === 'interrupted') {
    return `${d.projection}: interrupted at position ${count(d.position)} of ${count(d.head)} (generation ${d.generation}; ${pace}${resumed}); generation ${d.previous} still serves. Run the same command again to resume.`;
  }
  return `${d.projection}: generation ${d.generation} now serves, at position ${count(d.position)} (${pace}${resumed}); generation ${d.previous} dropped`;
}
