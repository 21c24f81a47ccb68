import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../runtime/command-meta';

export interface RetryAccepted {
  key: string;
  status: 'retrying';
}

/** Try a parked notice again; 404 when no notice is parked under the key. */
export class RetryParkedCommand extends Command<RetryAccepted> {
  constructor(readonly key: string, readonly meta: CommandMeta) {
    super();
  }
}
