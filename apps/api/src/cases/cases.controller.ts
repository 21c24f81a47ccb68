/**
 * The rectification case routes (CLOSED-LOOP.md). Who may take which step on which case is the
 * domain's rule, checked in the decider and the read side: another agency's or enterprise's case is
 * a 404 like an unknown one, a role that may not take the step a 403, a step out of turn a 409.
 * The guard only keeps out the roles that work no case at all.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CaseStepCommand, GetCaseQuery, ListCasesQuery, PersonsCaseStep, Principal } from '@survey/application';
import { Allow, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { AppealDecisionDto, AppealDto, CloseCaseDto, ContactDto, FollowUpDto, ReportDto } from './case-steps.dto';
import { DEFAULT_CASE_PAGE, ListCasesQueryDto } from './list-cases.dto';

@Controller('v1/rectification/cases')
@Allow('centre', 'agency', 'enterprise')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Allow('centre', 'agency')
  list(@Query() query: ListCasesQueryDto, @CurrentPrincipal() who: Principal) {
    const { campaignId, agencyId, status, limit, after } = query;
    return this.queries.execute(new ListCasesQuery({ campaignId, agencyId, status, after, limit: limit ?? DEFAULT_CASE_PAGE }, who));
  }

  @Get(':caseId')
  one(@Param('caseId') caseId: string, @CurrentPrincipal() who: Principal) {
    return this.queries.execute(new GetCaseQuery(caseId, who));
  }

  @Post(':caseId/contact')
  @HttpCode(200)
  contact(@Param('caseId') caseId: string, @Body() body: ContactDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'RecordContact', data: { caseId, channel: body.channel as never, summary: body.summary } }, who);
  }

  @Post(':caseId/report')
  @HttpCode(200)
  report(@Param('caseId') caseId: string, @Body() body: ReportDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'ReportRectification', data: { caseId, kind: body.kind as never, actions: body.actions } }, who);
  }

  @Post(':caseId/follow-up')
  @HttpCode(200)
  followUp(@Param('caseId') caseId: string, @Body() body: FollowUpDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'RateFollowUp', data: { caseId, level: body.level, comment: body.comment ?? null } }, who);
  }

  @Post(':caseId/appeal')
  @HttpCode(200)
  appeal(@Param('caseId') caseId: string, @Body() body: AppealDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'FileAppeal', data: { caseId, reason: body.reason } }, who);
  }

  @Post(':caseId/appeal/decision')
  @HttpCode(200)
  decide(@Param('caseId') caseId: string, @Body() body: AppealDecisionDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'DecideAppeal', data: { caseId, upheld: body.upheld, reason: body.reason } }, who);
  }

  @Post(':caseId/close')
  @HttpCode(200)
  close(@Param('caseId') caseId: string, @Body() body: CloseCaseDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'CloseCase', data: { caseId, outcome: body.outcome as never, note: body.note } }, who);
  }

  private step(step: PersonsCaseStep, who: Principal) {
    return this.commands.execute(new CaseStepCommand(step, who, metaOf(who)));
  }
}
