/**
 * Rebuilds one projection without downtime: folds the whole log into a new generation while the
 * active one keeps serving (and the live projector keeps folding into it), follows the log to its
 * head, then switches readers over in one transaction and drops the old generation. The live
 * projector's next commit on the old generation is refused, and it carries on from the new one's
 * checkpoint. Interrupting stores the new generation's checkpoint; running again resumes it.
 *
 * The switch is refused unless the new generation has folded at least as far as the active one,
 * so readers never see the figures go back in time. Under continuous writes the two race near the
 * head: the rebuild stops its projector (storing its checkpoint), tries the switch, and if the live
 * projector got ahead meanwhile, follows the log again and retries.
 *
 * One rebuild of a projection at a time: each claims the building generation for a lease it renews
 * while it runs and gives up when it stops; a second rebuild meanwhile fails with GenerationBusy.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '@survey/event-store';
import type { Projection } from './projection';
import { Projector } from './projector/projector';
import type { BuilderClaim } from './generations';
import type { GenerationAdministration, ProjectionWrites } from './read-model-store.port';

export interface RebuildStatus {
  projection: string;
  generation: number;
  /** Position the new generation has folded up to. */
  position: number;
  /** The log's head when last looked at. */
  head: number;
  /** Position the new generation had already reached when this run started (a resumed rebuild). */
  resumedFrom: number;
}

export type RebuildOutcome = RebuildStatus & { outcome: 'switched' | 'interrupted'; previous: number; attempts: number };

export interface RebuildOptions {
  batchSize?: number;
  /** Most events folded per commit while catching up (the projector's `holdEvents`, default 20,000). */
  holdEvents?: number;
  /** Aborting stops at the end of the batch in hand, its checkpoint stored: `outcome: 'interrupted'`. */
  signal?: AbortSignal;
  pollMs?: number;
  /** Who this rebuild is, as other rebuilds are told (default: host, process id and a random tag). */
  builder?: string;
  /** How long the claim on the building generation holds unrenewed (default 30 s): a rebuild that died frees it after this. */
  leaseMs?: number;
}

export class Rebuild {
  private projector: Projector | undefined;
  private head = 0;
  private generation = 0;
  private resumedFrom = 0;

  constructor(
    private readonly events: EventStore,
    private readonly store: ProjectionWrites & GenerationAdministration,
    readonly projection: Projection,
    private readonly options: RebuildOptions = {},
  ) {}

  status(): RebuildStatus {
    const position = this.projector?.position.position ?? this.resumedFrom;
    return { projection: this.projection.name, generation: this.generation, position, head: this.head, resumedFrom: this.resumedFrom };
  }

  async run(): Promise<RebuildOutcome> {
    const claim = { builder: this.options.builder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs: this.options.leaseMs ?? 30_000 };
    this.generation = await this.store.beginGeneration(this.projection.name, claim);
    try {
      return await this.build(claim);
    } finally {
      await this.projector?.stop(); // after a failure too: nothing may go on writing the generation unclaimed
      await this.store.releaseGeneration(this.projection.name, claim.builder).catch(() => undefined); // else it lapses with its lease
    }
  }

  private async build(claim: BuilderClaim): Promise<RebuildOutcome> {
    const { name, collections } = this.projection;
    const previous = (await this.store.generations(name)).active;
    // The generation before the active one is normally gone; a rebuild stopped hard after its
    // switch may have left some of it behind.
    if (previous > 0) await this.store.dropGeneration(name, previous - 1, collections);
    this.resumedFrom = (await this.store.checkpoint(name, this.generation)).position;
    this.head = await this.events.headPosition();
    const projector = (this.projector = new Projector(this.events, this.store, this.projection, {
      generation: this.generation,
      batchSize: this.options.batchSize,
      holdEvents: this.options.holdEvents,
    }));
    await projector.start();
    let attempts = 0;
    let renewed = Date.now();
    for (;;) {
      if (Date.now() - renewed > claim.leaseMs / 3) {
        await this.store.beginGeneration(name, claim);
        renewed = Date.now();
      }
      if (this.options.signal?.aborted) {
        await projector.stop();
        return { ...this.status(), outcome: 'interrupted', previous, attempts };
      }
      if (projector.error) {
        await projector.stop();
        throw projector.error;
      }
      this.head = await this.events.headPosition();
      const at = projector.position.position;
      if (at >= this.head && at >= (await this.store.checkpoint(name, previous)).position) {
        attempts++;
        await projector.stop(); // its last batch and checkpoint are stored: nothing writes the new generation now
        if (await this.store.switchGeneration(name, this.generation, collections)) break;
        await projector.start(); // the live projector got ahead in the meantime: follow the log again
        continue;
      }
      await sleep(this.options.pollMs ?? 50);
    }
    await this.store.dropGeneration(name, previous, collections);
    return { ...this.status(), outcome: 'switched', previous, attempts };
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
