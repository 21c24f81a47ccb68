/**
 * Requests as their readers see them: folded by the domain (requestRecordOf) and presented for the
 * viewer at the clock's moment (what is overdue; NotFound for a request the viewer may not know of),
 * with the enterprise's name from the directory. One request is read from its stream, so a step shows
 * at once; the queues read the `request-queue` projection. An invitation link (`cid`) is for its
 * campaign's questionnaire and cases only: on a request route it is a 403.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  Forbidden, LoopActor, NotFound, presentRequest, RequestDetail, RequestEvent, RequestRecord, requestRecordOf, streams,
} from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import {
  DIRECTORY, DirectoryDoc, DocumentReads, QueueBucket, QueueEntry, QueueScope, READ_MODEL_STORE, REQUEST_QUEUE, REQUEST_QUEUES, RequestDoc,
} from '@survey/read-models';
import type { Principal } from '../auth/tokens';
import { loopActorOf } from '../auth/actor';
import { Aggregates } from '../runtime/aggregates';
import { queueIds } from '../runtime/queue-entries';

export interface ReadableRequest {
  doc: Pick<RequestDoc, 'requestId' | 'creditCode' | 'category' | 'agencies'>;
  record: RequestRecord;
}

/** The loop actor of a principal on a request route: an invitation link may not use one. */
export function requestActorOf(who: Principal): LoopActor {
  if (who.invitation) throw new Forbidden('an invitation link is for its campaign\'s questionnaire: requests need the enterprise\'s own token (survey link)');
  return loopActorOf(who);
}

@Injectable()
export class RequestReads {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly aggregates: Aggregates,
  ) {}

  now(): Date {
    return this.aggregates.now();
  }

  /** The requests of a queue's scope and buckets that `keep` keeps, folded (the queue filters and sorts them). */
  async queue(scope: QueueScope, buckets: readonly QueueBucket[], keep: (entry: QueueEntry) => boolean): Promise<ReadableRequest[]> {
    const ids = await queueIds(this.readModels, REQUEST_QUEUES, scope, buckets, keep);
    if (ids.length === 0) return [];
    const docs = await this.readModels.getMany<RequestDoc>(REQUEST_QUEUE, ids);
    return [...docs.values()].flatMap((doc) => {
      const record = requestRecordOf(doc.events);
      return record ? [{ doc, record }] : [];
    });
  }

  /** The request as its stream stands, folded; undefined when there is none. */
  async fromStream(requestId: string): Promise<RequestRecord | undefined> {
    return (await this.fromStreamAt(requestId)).record;
  }

  /** The same, with the revision of the stream's last event (-1 when there is none). */
  async fromStreamAt(requestId: string): Promise<{ record: RequestRecord | undefined; revision: number }> {
    const recorded = await this.events.readStream(streams.request(requestId));
    return {
      record: requestRecordOf(recorded.map((e) => ({ event: e as unknown as RequestEvent, actor: e.metadata.actor }))),
      revision: recorded.length ? recorded[recorded.length - 1].revision : -1,
    };
  }

  /** One request for the viewer, with its history; NotFound when unknown or not the viewer's to know of. */
  async one(requestId: string, viewer: LoopActor): Promise<RequestDetail> {
    const record = await this.fromStream(requestId);
    if (!record) throw new NotFound(`request ${requestId} not found`);
    const [detail] = await this.present([record], viewer, this.now());
    return detail;
  }

  /** The requests for the viewer, with the enterprises' names from the directory. */
  async present(records: RequestRecord[], viewer: LoopActor, now: Date): Promise<RequestDetail[]> {
    const codes = [...new Set(records.map((r) => r.state.creditCode))];
    const directory = codes.length ? await this.readModels.getMany<DirectoryDoc>(DIRECTORY, codes) : new Map<string, DirectoryDoc>();
    return records.map((record) => presentRequest(record, viewer, now, { enterpriseName: directory.get(record.state.creditCode)?.name ?? null }));
  }
}
