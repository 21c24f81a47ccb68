/**
 * Cases as their readers see them, from the `cases` read model: folded by the domain
 * (caseRecordOf), presented for the viewer at the clock's moment (presentCase: what is overdue, and
 * the privacy rule: an agency sees who gave the review only with the enterprise's consent), with
 * the agency's name from its campaign and the enterprise's from the directory. An invitation token
 * reads the cases of its own campaign only; any other case is answered as unknown.
 */
import { Inject, Injectable } from '@nestjs/common';
import { CaseDetail, CaseObject, CaseRecord, caseRecordOf, campaignDecider, LoopActor, mayIdentifyEnterprise, NotFound, presentCase, streams } from '@survey/domain';
import { CASE_QUEUES, CASES, CaseDoc, DIRECTORY, DirectoryDoc, DocumentReads, QueueBucket, QueueEntry, QueueScope, READ_MODEL_STORE } from '@survey/read-models';
import type { Principal } from '../auth/tokens';
import { loopActorOf } from '../auth/actor';
import { CONTEXT_MAX_AGE_MS } from '../ballots/ballot-context';
import { Aggregates } from '../runtime/aggregates';
import { queueIds } from '../runtime/queue-entries';

export interface ReadableCase {
  doc: CaseDoc;
  record: CaseRecord;
}

@Injectable()
export class CaseReads {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    private readonly aggregates: Aggregates,
  ) {}

  now(): Date {
    return this.aggregates.now();
  }

  /** The cases of a queue's scope and buckets that `keep` keeps, folded (the queue filters and sorts them). */
  async queue(scope: QueueScope, buckets: readonly QueueBucket[], keep: (entry: QueueEntry) => boolean): Promise<ReadableCase[]> {
    const ids = await queueIds(this.readModels, CASE_QUEUES, scope, buckets, keep);
    return ids.length ? this.folded([...(await this.readModels.getMany<CaseDoc>(CASES, ids)).values()]) : [];
  }

  /** One case for the viewer, with its history; NotFound when unknown or not the viewer's to know of. */
  async one(caseId: string, who: Principal): Promise<CaseDetail> {
    const doc = await this.readModels.get<CaseDoc>(CASES, caseId);
    const [found] = doc ? this.folded([doc]) : [];
    if (!found || !withinInvitation(found.doc, who)) throw new NotFound(`rectification case ${caseId} not found`);
    const [detail] = await this.present([found], loopActorOf(who), this.now());
    return detail;
  }

  /**
   * The cases of an enterprise's ballot, as the enterprise reads them: a case is named by the
   * evaluation event that opened it, so the ballot's own rating events say which cases to look up.
   */
  async ofBallot(ratingEventIds: string[], creditCode: string): Promise<CaseObject[]> {
    if (ratingEventIds.length === 0) return [];
    const docs = await this.readModels.getMany<CaseDoc>(CASES, ratingEventIds);
    const found = this.folded([...docs.values()].filter((d) => d.creditCode === creditCode));
    const viewer: LoopActor = { role: 'enterprise', sub: creditCode };
    const now = this.now();
    return (await this.present(found, viewer, now)).map(({ history: _history, ...item }) => item);
  }

  /** The cases, each presented for the viewer (who may see them all: the caller filtered them). */
  async present(cases: ReadableCase[], viewer: LoopActor, now: Date): Promise<CaseDetail[]> {
    const identified = cases.filter((c) => mayIdentifyEnterprise(c.record.state, viewer)).map((c) => c.doc.creditCode);
    const directory = identified.length ? await this.readModels.getMany<DirectoryDoc>(DIRECTORY, [...new Set(identified)]) : new Map<string, DirectoryDoc>();
    const agencyNames = await this.agencyNames([...new Set(cases.map((c) => c.doc.campaignId))]);
    return cases.map(({ doc, record }) => presentCase(record, viewer, now, {
      agencyName: agencyNames.get(doc.campaignId)?.get(doc.agencyId) ?? null,
      enterpriseName: directory.get(doc.creditCode)?.name ?? null,
    }));
  }

  private folded(docs: CaseDoc[]): ReadableCase[] {
    return docs.flatMap((doc) => {
      const record = caseRecordOf(doc.events);
      return record ? [{ doc, record }] : [];
    });
  }

  /** campaign id → agency id → name (Maps: ids are user text). */
  private async agencyNames(campaignIds: string[]): Promise<Map<string, Map<string, string>>> {
    const names = new Map<string, Map<string, string>>();
    for (const campaignId of campaignIds) {
      const { state } = await this.aggregates.load(streams.campaign(campaignId), campaignDecider, CONTEXT_MAX_AGE_MS);
      names.set(campaignId, new Map(state.exists ? state.definition.agencies.map((a) => [a.id, a.name] as const) : []));
    }
    return names;
  }
}

/** An invitation link (cid) works for the cases of its own campaign only. */
export const withinInvitation = (doc: { campaignId: string }, who: Principal): boolean =>
  !who.invitation || who.invitation.campaignId === doc.campaignId;
