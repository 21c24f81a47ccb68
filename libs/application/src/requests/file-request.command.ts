import { Command } from '@nestjs/cqrs';
import type { Principal } from '../auth/tokens';
import type { CommandMeta } from '../runtime/command-meta';

/** What is filed: an enterprise names neither creditCode nor channel; the centre names both. */
export interface FiledBody {
  category: string;
  title: string;
  description: string;
  agencyId?: string | null;
  creditCode?: string;
  channel?: string;
}

export interface FiledRequestAnswer {
  /** True when this call filed it; false for a retry under the same Idempotency-Key that found it filed. */
  created: boolean;
  request: { requestId: string; status: string; dispatchDue: string | null };
}

/** POST /v1/requests, with the Idempotency-Key header's value when one was sent. */
export class FileRequestCommand extends Command<FiledRequestAnswer> {
  constructor(readonly body: FiledBody, readonly idempotencyKey: string | undefined, readonly who: Principal, readonly meta: CommandMeta) {
    super();
  }
}
