import { Command } from '@nestjs/cqrs';
import type { AuditRead } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';

/** An auditor's read (or a `survey verify`), recorded in the audit-read log of the current UTC day. */
export class RecordAuditReadCommand extends Command<void> {
  constructor(readonly data: AuditRead['data'], readonly meta: CommandMeta) {
    super();
  }
}
