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
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/rectification/cases')
@Allow('centre', 'agency', 'enterprise')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Answers({ summary: 'The queue of rectification cases', description: 'The centre sees every case, an agency its own only.', ok: { 200: json(ref('CasePage')) }, errors: { 400: 'a bad status, limit (1–500) or after', 403: 'an agency asking for another agency\'s cases' } })
  @Get()
  @Allow('centre', 'agency')
  list(@Query() query: ListCasesQueryDto, @CurrentPrincipal() who: Principal) {
    const { campaignId, agencyId, status, limit, after } = query;
    return this.queries.execute(new ListCasesQuery({ campaignId, agencyId, status, after, limit: limit ?? DEFAULT_CASE_PAGE }, who));
  }

  @Answers({ summary: 'One rectification case, with its history', ok: { 200: json(ref('CaseDetail')) }, errors: { 404: 'no such case, or not the caller\'s to know of' } })
  @Get(':caseId')
  one(@Param('caseId') caseId: string, @CurrentPrincipal() who: Principal) {
    return this.queries.execute(new GetCaseQuery(caseId, who));
  }

  @Answers({ summary: 'Record a contact with the enterprise (回访)', description: 'The centre; the case\'s agency only with the enterprise\'s consent. Answers the case as its caller now reads it.', ok: { 200: json(ref('CaseDetail')) }, errors: { 400: 'an unknown channel, or a summary out of bounds', 403: 'a role that may not take the step', 404: 'no such case, or not the caller\'s', 409: 'the case is closed' } })
  @Post(':caseId/contact')
  @HttpCode(200)
  contact(@Param('caseId') caseId: string, @Body() body: ContactDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'RecordContact', data: { caseId, channel: body.channel as never, summary: body.summary } }, who);
  }

  @Answers({ summary: 'Report the rectification (the case\'s agency)', ok: { 200: json(ref('CaseDetail')) }, errors: { 400: 'an unknown kind, or actions out of bounds', 403: 'a role that may not take the step', 404: 'no such case, or not the caller\'s', 409: 'before a contact, a second report in the round, or a closed case' } })
  @Post(':caseId/report')
  @HttpCode(200)
  report(@Param('caseId') caseId: string, @Body() body: ReportDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'ReportRectification', data: { caseId, kind: body.kind as never, actions: body.actions } }, who);
  }

  @Answers({ summary: 'Rate the rectification (追评, the case\'s enterprise)', description: 'A level that is not negative closes the case; a negative one reopens it (round 2) or, in round 2, escalates it.', ok: { 200: json(ref('CaseDetail')) }, errors: { 400: 'a level the campaign\'s scale does not have', 403: 'a role that may not take the step', 404: 'no such case, or not the caller\'s', 409: 'before a report, a second follow-up in the round, or a closed case' } })
  @Post(':caseId/follow-up')
  @HttpCode(200)
  followUp(@Param('caseId') caseId: string, @Body() body: FollowUpDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'RateFollowUp', data: { caseId, level: body.level, comment: body.comment ?? null } }, who);
  }

  @Answers({ summary: 'Appeal the bad review (the case\'s agency)', ok: { 200: json(ref('CaseDetail')) }, errors: { 400: 'a reason out of bounds', 403: 'a role that may not take the step', 404: 'no such case, or not the caller\'s', 409: 'a second appeal, or a closed case' } })
  @Post(':caseId/appeal')
  @HttpCode(200)
  appeal(@Param('caseId') caseId: string, @Body() body: AppealDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'FileAppeal', data: { caseId, reason: body.reason } }, who);
  }

  @Answers({ summary: 'Decide an appeal (the centre)', description: 'Upheld closes the case and invalidates the evaluation on the ballot.', ok: { 200: json(ref('CaseDetail')) }, errors: { 400: 'a reason out of bounds', 403: 'a role that may not take the step', 404: 'no such case', 409: 'no appeal pending, or a closed case' } })
  @Post(':caseId/appeal/decision')
  @HttpCode(200)
  decide(@Param('caseId') caseId: string, @Body() body: AppealDecisionDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'DecideAppeal', data: { caseId, upheld: body.upheld, reason: body.reason } }, who);
  }

  @Answers({ summary: 'Close a case (the centre)', ok: { 200: json(ref('CaseDetail')) }, errors: { 400: 'an unknown outcome, or a note out of bounds', 403: 'a role that may not take the step', 404: 'no such case', 409: 'the case is closed' } })
  @Post(':caseId/close')
  @HttpCode(200)
  close(@Param('caseId') caseId: string, @Body() body: CloseCaseDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'CloseCase', data: { caseId, outcome: body.outcome as never, note: body.note } }, who);
  }

  private step(step: PersonsCaseStep, who: Principal) {
    return this.commands.execute(new CaseStepCommand(step, who, metaOf(who)));
  }
}
