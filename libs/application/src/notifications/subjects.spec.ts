import { randomUUID } from 'node:crypto';
import type { RectificationEvent, RequestEvent } from '@survey/domain';
import { caseEvents as c, endOf, requestEvents as r } from '@survey/domain/testing';
import type { RecordedEvent } from '@survey/event-store';
import { subjectFromDoc, subjectToDoc } from './subject-doc';
import { dueReminders, foldSubject, newSubject, nextReminderAt, reminderNotice, Subject, subjectOf } from './subjects';

const url = 'https://survey.example/';

function fold(type: 'case' | 'request', events: (RectificationEvent | RequestEvent)[]) {
  let subject: Subject = newSubject(type, type === 'case' ? c.caseId : r.requestId);
  const notices = [];
  const ids: string[] = [];
  for (const [i, e] of events.entries()) {
    const event: RecordedEvent = {
      id: randomUUID(), stream: 'x', revision: i, position: i + 1, type: e.type, data: e.data,
      metadata: { schemaVersion: 1, recordedAt: '2019-12-06T07:00:00.000Z', actor: { role: 'system', sub: 's' }, correlationId: 'c', causationId: 'c' },
    };
    expect(subjectOf(event)).toEqual({ type, id: subject.id });
    ids.push(event.id);
    const folded = foldSubject(subject, event, url);
    subject = folded.subject;
    if (folded.notice) notices.push(folded.notice);
  }
  return { subject, notices, ids };
}

describe('the outbox fold of a case', () => {
  it('notifies the opening without the enterprise when it gave no consent, and tracks both deadlines', () => {
    const { subject, notices, ids } = fold('case', [c.caseOpened()]);
    expect(notices).toEqual([{
      key: ids[0], kind: 'case-opened', eventId: ids[0], at: c.local('2019-12-06 15:00'), enterprise: null,
      subject: { type: 'case', id: c.caseId, campaignId: 'xz-2019', agencyId: 'tax', link: `https://survey.example/v1/rectification/cases/${c.caseId}` },
      deadline: null, due: null, round: 1, detail: { level: 'dissatisfied' },
    }]);
    expect(subject.deadlines.map((d) => [d.key, d.due])).toEqual([[`${ids[0]}:due-contact`, endOf('2019-12-09')], [`${ids[0]}:due-rectify`, endOf('2019-12-27')]]);
  });

  it('names the enterprise in every notice of a case with consent', () => {
    const { notices } = fold('case', [c.caseOpened({ contactConsent: true }), c.missed('contact')]);
    expect(notices.map((n) => [n.kind, n.enterprise])).toEqual([['case-opened', { creditCode: expect.any(String) }], ['deadline-missed', { creditCode: expect.any(String) }]]);
  });

  it('drops a deadline once its step is done, and starts the new round\'s rectify deadline from the reopening', () => {
    const { subject, ids } = fold('case', [c.caseOpened(), c.contacted(), c.reported(), c.followedUp('dissatisfied'), c.reopened()]);
    expect(subject.deadlines).toEqual([expect.objectContaining({ key: `${ids[4]}:due-rectify`, deadline: 'rectify', round: 2, due: endOf('2020-01-02'), startedBy: ids[4] })]);
  });

  it('notifies a missed deadline and an escalation, and nothing for the other steps', () => {
    const { notices, subject } = fold('case', [
      c.caseOpened(), c.missed('contact'), c.contacted(), c.appealed(), c.appealDecided(false), c.reported(), c.followedUp('dissatisfied'), c.reopened(),
      c.reported('rectified', 2), c.followedUp('dissatisfied', 2), c.escalated(), c.closed(),
    ]);
    expect(notices.map((n) => [n.kind, n.deadline, n.due])).toEqual([['case-opened', null, null], ['deadline-missed', 'contact', endOf('2019-12-09')], ['escalated', null, null]]);
    expect(subject.deadlines).toEqual([]);
  });

  it('reminds once the deadline\'s last day has begun, not before and not after it passed', () => {
    const { subject, ids } = fold('case', [c.caseOpened()]);
    expect(dueReminders(subject, new Date(c.local('2019-12-08 23:59')))).toEqual([]);
    expect(dueReminders(subject, new Date(c.local('2019-12-09 00:00'))).map((d) => d.key)).toEqual([`${ids[0]}:due-contact`]);
    expect(dueReminders(subject, new Date(endOf('2019-12-09')))).toEqual([]);
    expect(nextReminderAt(subject, new Date(c.local('2019-12-06 16:00')))).toBe(Date.parse(c.local('2019-12-09 00:00')));
    const sent = { ...subject, deadlines: subject.deadlines.map((d) => ({ ...d, reminded: true })) };
    expect(dueReminders(sent, new Date(c.local('2019-12-09 00:00')))).toEqual([]);
    expect(nextReminderAt(sent, new Date(c.local('2019-12-06 16:00')))).toBeNull();
    expect(reminderNotice(subject, subject.deadlines[0], url)).toMatchObject({
      key: `${ids[0]}:due-contact`, kind: 'deadline-due', deadline: 'contact', due: endOf('2019-12-09'), at: c.local('2019-12-09 00:00'), eventId: ids[0], enterprise: null,
    });
  });

  it('survives its document: a restored subject folds on as the original would', () => {
    const { subject } = fold('case', [c.caseOpened(), c.missed('contact')]);
    const restored = subjectFromDoc(JSON.parse(JSON.stringify(subjectToDoc(subject))));
    expect(restored).toEqual(subject);
    expect(restored.state.exists && (restored.state as { missed: ReadonlySet<string> }).missed).toBeInstanceOf(Set);
  });
});

describe('the outbox fold of a request', () => {
  it('notifies dispatch and return with the enterprise and category, and reminds of accept and resolve from the dispatch', () => {
    const { notices, subject, ids } = fold('request', [r.received(), r.dispatched()]);
    expect(notices).toEqual([expect.objectContaining({
      key: ids[1], kind: 'request-dispatched', enterprise: { creditCode: expect.any(String) }, detail: { category: 'approval', reason: null },
      subject: expect.objectContaining({ type: 'request', agencyId: 'tax', link: `https://survey.example/v1/requests/${r.requestId}` }),
    })]);
    expect(subject.deadlines.map((d) => d.key)).toEqual([`${ids[1]}:due-accept`, `${ids[1]}:due-resolve`]);
    const back = fold('request', [r.received(), r.dispatched(), r.returned()]);
    expect(back.notices.map((n) => [n.kind, n.detail.reason])).toEqual([['request-dispatched', null], ['request-returned', expect.any(String)]]);
    expect(back.subject.deadlines.map((d) => [d.key, d.agencyId])).toEqual([[`${back.ids[2]}:due-dispatch`, null]]);
  });

  it('starts a new resolve reminder when an extension moves the deadline', () => {
    const { subject, ids } = fold('request', [r.received(), r.dispatched(), r.accepted(), r.extensionAsked(), r.extensionDecided(true)]);
    expect(subject.deadlines.map((d) => [d.key, d.due])).toEqual([[`${ids[4]}:due-resolve`, endOf('2020-01-08')]]);
  });

  it('notifies missed deadlines and the escalation', () => {
    const { notices } = fold('request', [
      r.received(), r.requestMissed('dispatch', endOf('2019-12-10'), null), r.dispatched(), r.accepted(), r.resolved(), r.rated('dissatisfied'),
      r.requestReopened(), r.resolved(2), r.rated('dissatisfied', 2), r.requestEscalated(),
    ]);
    expect(notices.map((n) => [n.kind, n.deadline, n.subject.agencyId])).toEqual([
      ['deadline-missed', 'dispatch', null], ['request-dispatched', null, 'tax'], ['escalated', null, 'tax'],
    ]);
  });
});
