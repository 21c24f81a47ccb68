/**
 * Audit: invalidate an evaluation with a reason, verify a campaign's published figures against a
 * replay of the log (with the live report beside it), and record and list auditors' reads.
 */
import { Module } from '@nestjs/common';
import { ReplayModule } from '../replay/replay.module';
import { ReportsModule } from '../reports/reports.module';
import { InvalidateEvaluationHandler } from './invalidate-evaluation.handler';
import { ListAuditReadsHandler } from './list-audit-reads.handler';
import { RecordAuditReadHandler } from './record-audit-read.handler';
import { VerifyPublishedHandler } from './verify-published.handler';

const commandHandlers = [InvalidateEvaluationHandler, RecordAuditReadHandler];
const queryHandlers = [VerifyPublishedHandler, ListAuditReadsHandler];

@Module({
  imports: [ReplayModule, ReportsModule],
  providers: [...commandHandlers, ...queryHandlers],
})
export class AuditModule {}
