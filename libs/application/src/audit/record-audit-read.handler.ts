/**
 * Recording goes through the audit-log decider into the stream of the current UTC day with an
 * exact expected revision; this process's recordings are chained one after another, so concurrent
 * reads never race each other for the same revision (only another process's can, and the usual
 * retry handles that). A recording is durable before the read answers.
 */
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { auditDay, auditLogDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { RecordAuditReadCommand } from './record-audit-read.command';

@CommandHandler(RecordAuditReadCommand)
export class RecordAuditReadHandler implements ICommandHandler<RecordAuditReadCommand> {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly aggregates: Aggregates) {}

  execute({ data, meta }: RecordAuditReadCommand): Promise<void> {
    const record = async () => {
      const stream = streams.auditReads(auditDay(this.aggregates.now()));
      await this.aggregates.execute(stream, auditLogDecider, { type: 'RecordAuditRead', data }, () => undefined, meta);
    };
    const done = this.tail.then(record, record);
    this.tail = done.catch(() => undefined);
    return done;
  }
}
