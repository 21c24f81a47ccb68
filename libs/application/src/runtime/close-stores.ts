/**
 * Closes the stores last: after the HTTP server has drained (Nest runs shutdown hooks after that)
 * and after the projections, which write to the read models in the background, have stored the
 * checkpoint of the batch in hand. One place says the order, whichever projections module the
 * root imported.
 */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { Projections } from '../projections/projections';
import { RUNNING_MARK, unmarkRunning } from './running-mark';

@Injectable()
export class CloseStores implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly projections: Projections,
    @Inject(RUNNING_MARK) private readonly markedDir: string | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
    await this.events.close();
    await this.readModels.close();
    // Only now may `survey restore` replace the files (./running-mark.ts).
    if (this.markedDir !== null) unmarkRunning(this.markedDir);
  }
}
