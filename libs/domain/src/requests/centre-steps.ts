/**
 * The steps of the enterprise-service centre (and of an enterprise filing for itself): receiving a
 * request, dispatching it to a known agency, deciding an extension, closing an escalated request.
 */
import { CreditCode } from '../credit-code';
import { check, MAX_TEXT_CHARACTERS, oneOf, requiredText } from '../text';
import { Conflict, FieldError, Forbidden, NotFound } from '../errors';
import { requireRequestRole } from './access';
import {
  CENTRE_CHANNELS, CloseEscalatedRequest, DecideExtension, DispatchRequest, MAX_TITLE_CHARACTERS, ReceiveRequest, RequestContext, resolveDaysFor,
} from './commands';
import { openRequestFor, requireStatus, stampOf } from './common';
import type { RequestChannel, RequestEvent } from './events';
import type { RequestState } from './state';

export function receive(cmd: ReceiveRequest['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const { actor, now, calendar, policy } = context;
  requireRequestRole(actor, 'file');
  if (state.exists) throw new Conflict(`request ${cmd.requestId} already exists`);
  const problems: FieldError[] = [];
  let creditCode: string;
  let channel: RequestChannel;
  if (actor.role === 'enterprise') {
    if (cmd.creditCode !== undefined && cmd.creditCode !== actor.sub) throw new Forbidden('an enterprise files its own requests only');
    if (cmd.channel !== undefined) problems.push({ field: 'channel', message: 'is given by the service centre only' });
    creditCode = actor.sub;
    channel = 'online';
  } else {
    if (cmd.creditCode === undefined) problems.push({ field: 'creditCode', message: 'is required when the service centre files for an enterprise' });
    else CreditCode.parse(cmd.creditCode);
    creditCode = cmd.creditCode ?? '';
    channel = oneOf('channel', cmd.channel ?? '', CENTRE_CHANNELS, problems);
  }
  const category = oneOf('category', cmd.category, policy.categories, problems);
  const title = requiredText('title', cmd.title, MAX_TITLE_CHARACTERS, problems);
  const description = requiredText('description', cmd.description, MAX_TEXT_CHARACTERS, problems);
  check('invalid request', problems);
  if (!context.enterprise?.registered || context.enterprise.creditCode !== creditCode) {
    if (actor.role === 'enterprise') throw new Forbidden(`enterprise ${creditCode} is not registered: ask the service centre to register it`);
    throw new NotFound(`enterprise ${creditCode} is not registered`);
  }
  const suggestedAgencyId = cmd.agencyId ?? null;
  if (suggestedAgencyId !== null) knownAgency(suggestedAgencyId, context);
  const dispatch = calendar.withinWorkingDays(now, policy.dispatchDays);
  return [{
    type: 'RequestReceived',
    data: {
      requestId: cmd.requestId, creditCode, channel, category, title, description, suggestedAgencyId,
      dispatchDue: dispatch.due, calendar: stampOf(calendar, dispatch), at: now.toISOString(),
      ...(cmd.bodyHash === undefined ? {} : { bodyHash: cmd.bodyHash }),
    },
  }];
}

/** To an agency the directory knows, while the request is at the centre (received or returned). */
export function dispatch(cmd: DispatchRequest['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'dispatch');
  requireStatus(s, ['received', 'returned'], 'only a request at the service centre (received or returned) is dispatched');
  const agencyId = knownAgency(cmd.agencyId, context);
  const { calendar, now, policy } = context;
  const accept = calendar.withinWorkingDays(now, policy.acceptDays);
  const resolve = calendar.withinWorkingDays(now, resolveDaysFor(policy, s.category));
  return [{
    type: 'RequestDispatched',
    data: { requestId: s.requestId, agencyId, round: s.round, acceptDue: accept.due, resolveDue: resolve.due, calendar: stampOf(calendar, accept, resolve), at: now.toISOString() },
  }];
}

/** Granted: the resolve deadline moves by the working days asked, counted from the day it ended. */
export function decideExtension(cmd: DecideExtension['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'centre');
  if (s.extensionAsked === null) throw new Conflict(`request ${s.requestId} has no extension asked`);
  const problems: FieldError[] = [];
  if (typeof cmd.granted !== 'boolean') problems.push({ field: 'granted', message: 'must be true or false' });
  check('invalid extension decision', problems);
  const { calendar } = context;
  const current = { due: s.resolveDue!, calendarCovered: true };
  const after = cmd.granted ? calendar.extend(current, s.extensionAsked) : current;
  return [{
    type: 'RequestExtensionDecided',
    data: {
      requestId: s.requestId, agencyId: s.agencyId!, granted: cmd.granted, workingDays: s.extensionAsked,
      resolveDue: after.due, calendar: stampOf(calendar, after), at: context.now.toISOString(),
    },
  }];
}

export function closeEscalated(cmd: CloseEscalatedRequest['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'centre');
  requireStatus(s, ['escalated'], 'the service centre closes escalated requests only');
  const problems: FieldError[] = [];
  const note = requiredText('note', cmd.note, MAX_TEXT_CHARACTERS, problems);
  check('invalid closing', problems);
  return [{ type: 'RequestClosed', data: { requestId: s.requestId, outcome: 'escalated-closed', rating: null, note, at: context.now.toISOString() } }];
}

function knownAgency(agencyId: string, { agency }: RequestContext): string {
  if (!agency?.exists || agency.agencyId !== agencyId) throw new NotFound(`agency ${agencyId} is not in the agency directory`);
  return agencyId;
}
