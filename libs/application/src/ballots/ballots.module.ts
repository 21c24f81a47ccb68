/**
 * Ballots: an enterprise submits, revises and withdraws its evaluations of a campaign's agencies
 * (one stream per enterprise and campaign), and reads its ballot back; auditors read a ballot's
 * history. Invalidating an evaluation is an auditor's act: the audit feature.
 */
import { Module } from '@nestjs/common';
import { CaseReads } from '../cases/case-reads';
import { BallotHistoryHandler } from './ballot-history.handler';
import { MyBallotHandler } from './my-ballot.handler';
import { SubmitEvaluationHandler } from './submit-evaluation.handler';
import { WithdrawEvaluationHandler } from './withdraw-evaluation.handler';

const commandHandlers = [SubmitEvaluationHandler, WithdrawEvaluationHandler];
const queryHandlers = [MyBallotHandler, BallotHistoryHandler];

@Module({
  // CaseReads: the ballot lists its rectification cases (read side only; the cases feature owns them).
  providers: [...commandHandlers, ...queryHandlers, CaseReads],
})
export class BallotsModule {}
