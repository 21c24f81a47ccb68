/**
 * The request routes (诉求, CLOSED-LOOP.md). Who may take which step on which request is the
 * domain's rule, checked in the decider and the read side: another agency's or enterprise's request
 * is a 404 like an unknown one, a role that may not take the step a 403, a step out of turn a 409;
 * an invitation link (cid) on any of them is a 403. The guard only keeps out the roles that work
 * no request at all.
 */
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  FileRequestCommand, GetRequestQuery, ListRequestsQuery, MAX_IDEMPOTENCY_KEY_CHARACTERS, PersonsRequestStep, Principal, RequestStepCommand,
} from '@survey/application';
import { Invalid } from '@survey/domain';
import { Allow, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { Answers, json, ref } from '../docs/answers';
import { DEFAULT_REQUEST_PAGE, ListRequestsQueryDto } from './list-requests.dto';
import {
  CloseRequestDto, DispatchDto, ExtensionDecisionDto, ExtensionDto, FileRequestDto, RateDto, ResolveDto, ReturnDto, WithdrawDto,
} from './request-bodies.dto';

const STEP_ERRORS = { 403: 'a role that may not take the step, or an invitation link', 404: 'no such request, or not the caller\'s to know of' };
const detail = { 200: json(ref('RequestDetail')) };

@Controller('v1/requests')
@Allow('centre', 'agency', 'enterprise')
export class RequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Answers({
    summary: 'File a request (诉求)',
    description: 'An enterprise files its own; the centre files for an enterprise with creditCode and channel. With an Idempotency-Key a retry answers the request it filed (200); the same key with another body is a 422.',
    ok: { 201: json(ref('RequestFiled')), 200: json(ref('RequestFiled')) },
    errors: {
      400: 'an unknown category or channel, text out of bounds, a missing creditCode or channel from the centre, a bad Idempotency-Key',
      403: 'an enterprise that is not registered or files for another, a role that may not file, or an invitation link',
      404: 'the agency named is not in the directory, or the enterprise the centre names is not registered',
      422: 'the Idempotency-Key was used with another body, or the credit code fails GB 32100',
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: `1–${MAX_IDEMPOTENCY_KEY_CHARACTERS} printable ASCII characters; a retry with it never files twice` })
  @Post()
  @Allow('centre', 'enterprise')
  async file(
    @Body() body: FileRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, request } = await this.commands.execute(new FileRequestCommand(body, idempotencyKeyOf(key), who, metaOf(who)));
    reply.status(created ? 201 : 200);
    return request;
  }

  @Answers({ summary: 'A queue of requests', description: 'The centre sees every request, an agency those that are or were dispatched to it, an enterprise its own: overdue first, then by the next deadline.', ok: { 200: json(ref('RequestPage')) }, errors: { 400: 'a bad status, limit (1–500) or after', 403: 'an agency asking for another agency\'s requests, or an invitation link' } })
  @Get()
  list(@Query() query: ListRequestsQueryDto, @CurrentPrincipal() who: Principal) {
    const { status, agencyId, category, limit, after } = query;
    return this.queries.execute(new ListRequestsQuery({ status, agencyId, category, after, limit: limit ?? DEFAULT_REQUEST_PAGE }, who));
  }

  @Answers({ summary: 'One request, with its history', ok: detail, errors: STEP_ERRORS })
  @Get(':requestId')
  one(@Param('requestId') requestId: string, @CurrentPrincipal() who: Principal) {
    return this.queries.execute(new GetRequestQuery(requestId, who));
  }

  @Answers({ summary: 'Dispatch a request to an agency (the centre)', ok: detail, errors: { ...STEP_ERRORS, 404: 'no such request, or the agency is not in the directory', 409: 'the request is not at the centre (received or returned), or it is closed' } })
  @Post(':requestId/dispatch')
  @HttpCode(200)
  dispatch(@Param('requestId') requestId: string, @Body() body: DispatchDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'DispatchRequest', data: { requestId, agencyId: body.agencyId } }, who);
  }

  @Answers({ summary: 'Accept a dispatched request (its agency)', ok: detail, errors: { ...STEP_ERRORS, 409: 'not newly dispatched, or closed' } })
  @Post(':requestId/accept')
  @HttpCode(200)
  accept(@Param('requestId') requestId: string, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'AcceptRequest', data: { requestId } }, who);
  }

  @Answers({ summary: 'Return a dispatched request to the centre (its agency)', ok: detail, errors: { ...STEP_ERRORS, 400: 'a reason out of bounds', 409: 'already accepted, or closed' } })
  @Post(':requestId/return')
  @HttpCode(200)
  giveBack(@Param('requestId') requestId: string, @Body() body: ReturnDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'ReturnRequest', data: { requestId, reason: body.reason } }, who);
  }

  @Answers({ summary: 'Ask for more working days (its agency)', ok: detail, errors: { ...STEP_ERRORS, 400: 'working days out of 1–30, or a reason out of bounds', 409: 'not accepted, after the deadline, an ask pending, or more than 30 days in all' } })
  @Post(':requestId/extension')
  @HttpCode(200)
  askExtension(@Param('requestId') requestId: string, @Body() body: ExtensionDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'AskExtension', data: { requestId, workingDays: body.workingDays, reason: body.reason } }, who);
  }

  @Answers({ summary: 'Decide an extension (the centre)', ok: detail, errors: { ...STEP_ERRORS, 409: 'no extension asked, or closed' } })
  @Post(':requestId/extension/decision')
  @HttpCode(200)
  decideExtension(@Param('requestId') requestId: string, @Body() body: ExtensionDecisionDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'DecideExtension', data: { requestId, granted: body.granted } }, who);
  }

  @Answers({ summary: 'Resolve a request with a reply (its agency)', ok: detail, errors: { ...STEP_ERRORS, 400: 'a reply out of bounds', 409: 'not accepted, or closed' } })
  @Post(':requestId/resolve')
  @HttpCode(200)
  resolve(@Param('requestId') requestId: string, @Body() body: ResolveDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'ResolveRequest', data: { requestId, reply: body.reply } }, who);
  }

  @Answers({ summary: 'Rate the answer (its enterprise)', description: 'Satisfied (or any level not negative) closes it; a negative level sends it back to the agency (round 2) or, in round 2, escalates it to the centre.', ok: detail, errors: { ...STEP_ERRORS, 400: 'a level the scale does not have, or a comment out of bounds', 409: 'not resolved, rated already in the round, the seven days passed, or closed' } })
  @Post(':requestId/rating')
  @HttpCode(200)
  rate(@Param('requestId') requestId: string, @Body() body: RateDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'RateResolution', data: { requestId, level: body.level, comment: body.comment ?? null } }, who);
  }

  @Answers({ summary: 'Withdraw a request before its answer (its enterprise)', ok: detail, errors: { ...STEP_ERRORS, 400: 'a reason out of bounds', 409: 'resolved, escalated or closed' } })
  @Post(':requestId/withdraw')
  @HttpCode(200)
  withdraw(@Param('requestId') requestId: string, @Body() body: WithdrawDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'WithdrawRequest', data: { requestId, reason: body.reason ?? null } }, who);
  }

  @Answers({ summary: 'Close an escalated request (the centre)', description: 'Closes it `escalated-closed` with the centre\'s note.', ok: detail, errors: { ...STEP_ERRORS, 400: 'a note out of bounds', 409: 'not escalated, or closed' } })
  @Post(':requestId/close')
  @HttpCode(200)
  close(@Param('requestId') requestId: string, @Body() body: CloseRequestDto, @CurrentPrincipal() who: Principal) {
    return this.step({ type: 'CloseEscalatedRequest', data: { requestId, note: body.note } }, who);
  }

  private step(step: PersonsRequestStep, who: Principal) {
    return this.commands.execute(new RequestStepCommand(step, who, metaOf(who)));
  }
}

/** The header's value, checked: printable ASCII of bounded length (a 400 naming it otherwise). */
function idempotencyKeyOf(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_CHARACTERS || !/^[\x21-\x7e]+$/.test(key)) {
    throw Invalid.because('bad header', [{ field: 'Idempotency-Key', message: `must be 1–${MAX_IDEMPOTENCY_KEY_CHARACTERS} printable ASCII characters without spaces` }]);
  }
  return key;
}
