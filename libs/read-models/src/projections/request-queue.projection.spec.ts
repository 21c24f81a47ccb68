import { acme, caseEvents, requestEvents } from '@survey/domain/testing';
import type { RequestEvent } from '@survey/domain';
import { foldAsStored, onRequest, recordedLoop, requestWithdrawn } from '../testing';
import { REQUEST_QUEUE, REQUEST_QUEUES, RequestDoc, requestQueueProjection } from './request-queue.projection';

const { received, dispatched, returned, requestClosed } = requestEvents;
const { local } = caseEvents;
const enterprise = `enterprise:${acme.length}:${acme}`;

function fold(...events: RequestEvent[]) {
  const docs = foldAsStored(requestQueueProjection, recordedLoop(onRequest('r1', ...events)));
  const entries = [...docs.keys()].filter((key) => key.startsWith(`${REQUEST_QUEUES}|`)).map((key) => key.slice(REQUEST_QUEUES.length + 1)).sort();
  return { doc: docs.get(`${REQUEST_QUEUE}|r1`) as RequestDoc, entries, docs };
}

describe('request-queue projection', () => {
  it('keeps each request’s events and every agency it was dispatched to', () => {
    const { doc } = fold(received('approval'), dispatched('police'), returned('police', local('2019-12-11 10:00')), dispatched('tax'));
    expect(doc).toMatchObject({ requestId: 'r1', creditCode: acme, category: 'approval', agencies: ['police', 'tax'] });
    expect(doc.events.map((e) => e.event.type)).toEqual(['RequestReceived', 'RequestDispatched', 'RequestReturned', 'RequestDispatched']);
  });

  it('files a request in everyone’s and its enterprise’s open queues, and in each agency’s it is dispatched to (one that returned it too)', () => {
    const { entries, docs } = fold(received('approval'), dispatched('police'), returned('police', local('2019-12-11 10:00')), dispatched('tax'));
    expect(entries).toEqual(['open/agency:3:tax/r1', 'open/agency:6:police/r1', 'open/all/r1', `open/${enterprise}/r1`]);
    expect(docs.get(`${REQUEST_QUEUES}|open/all/r1`)).toEqual({ id: 'r1', category: 'approval' });
  });

  it('moves a closed request to the done queues', () => {
    expect(fold(received(), dispatched('tax'), requestClosed('escalated-closed')).entries).toEqual(['done/agency:3:tax/r1', 'done/all/r1', `done/${enterprise}/r1`]);
  });

  it('moves a withdrawn request to the done queues', () => {
    expect(fold(received(), ...requestWithdrawn(local('2019-12-09 15:00'))).entries).toEqual(['done/all/r1', `done/${enterprise}/r1`]);
  });
});
