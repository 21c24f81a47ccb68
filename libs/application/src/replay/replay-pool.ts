/**
 * The worker threads replays run on (piscina): at most REPLAY_WORKERS at once and REPLAY_QUEUE
 * more waiting; one more is refused at once with TryLater (503), its Retry-After taken from how
 * long replays have been taking here. The API starts its threads with the process (start()), since
 * starting one costs the event loop a noticeable pause; elsewhere (the CLI's verify) a thread
 * starts with the first replay and ends when idle.
 */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { extname, join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DEFAULT_LIMITS, ReplayLimits } from '../config/limits';
import { TryLater } from '../runtime/try-later';
import type { FoldedAt, ReplayProgress, ReplayTask } from './fold-to-targets';
import { replaySourceOf } from './replay-source';

// Built, the worker is the .js beside this file. Under the test runner this file is TypeScript, and
// so is the worker: @swc-node/register (a devDependency) compiles it as the thread loads it.
const WORKER = join(__dirname, `replay.worker${extname(__filename)}`);
const EXEC_ARGV = extname(__filename) === '.ts' ? ['--require', '@swc-node/register'] : [];

@Injectable()
export class ReplayPool implements OnApplicationShutdown {
  private pool: Piscina<unknown, FoldedAt[]> | undefined;
  private readonly limits: ReplayLimits;
  /** Replays accepted and not finished: running, or waiting for a thread. */
  private accepted = 0;
  /** A moving average of how long a replay takes here, for Retry-After. */
  private typicalMs = 2000;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.limits = config.replays ?? DEFAULT_LIMITS.replays;
  }

  async run(task: ReplayTask, onProgress?: ReplayProgress): Promise<FoldedAt[]> {
    const { workers, queue } = this.limits;
    if (this.accepted >= workers + queue) {
      const waves = Math.ceil((this.accepted - workers + 1) / workers);
      throw new TryLater(503, `${this.accepted} replays of the log are running or waiting (at most ${workers} at once, ${queue} waiting): try again later`, waves * this.typicalMs);
    }
    const pool = this.start(false);
    const channel = onProgress ? new MessageChannel() : undefined;
    channel?.port1.on('message', (m: { position: number; target: number }) => onProgress!(m.position, m.target));
    this.accepted += 1;
    const started = Date.now();
    try {
      const folded = await pool.run({ task, progress: channel?.port2 }, { transferList: channel ? [channel.port2] : [] });
      this.typicalMs = 0.7 * this.typicalMs + 0.3 * (Date.now() - started);
      return folded;
    } finally {
      this.accepted -= 1;
      channel?.port1.close();
    }
  }

  /** The pool, its threads started now and kept when `keep` (else started on demand, ended when idle). */
  start(keep = true): Piscina<unknown, FoldedAt[]> {
    const { workers } = this.limits;
    return (this.pool ??= new Piscina({
      filename: WORKER, execArgv: EXEC_ARGV, workerData: replaySourceOf(this.config),
      minThreads: keep ? workers : 0, maxThreads: workers, idleTimeout: 30_000,
      // A lower priority for the replay threads (Linux: the thread's nice value, through piscina's
      // optional @napi-rs/nice), so that on a busy machine the event loop answering HTTP runs first.
      niceIncrement: 10,
    }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }
}
