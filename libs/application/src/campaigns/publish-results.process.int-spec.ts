/**
 * The publishing process on a real SQLite log, with the real aggregates and sealer: its steps in
 * order (wait for the projections, read the report, seal, append, wait again), what ResultsPublished
 * records (the report's figures at its position, the methodology and its hash, the seal taken just
 * before), and a campaign that may not be published refused before any waiting, seal or append.
 * The projections and the report are the edges here: stand-ins that say when they were asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryBus } from '@nestjs/cqrs';
import { campaignDecider, Conflict, NotFound, ResultsPublished, SEALS_STREAM, streams } from '@survey/domain';
import { Seal, SqliteEventStore } from '@survey/event-store';
import { HeadlineReport, methodologyHash, methodologyOf } from '@survey/reporting';
import { duringCampaign, opened } from '../../../domain/src/testing/builders';
import type { Projections } from '../projections/projections';
import { Aggregates } from '../runtime/aggregates';
import { ManualClock } from '../runtime/clock';
import { Sealer } from '../seals/sealer';
import { PublishResults } from './publish-results.process';

const meta = { actor: { role: 'admin' as const, sub: 'spec' }, correlationId: 'c' };
const definition = opened('xz-2019').data;
const afterClosing = new Date('2020-01-05T00:00:00.000Z');

describe('PublishResults', () => {
  let dir: string;
  let store: SqliteEventStore;
  let clock: ManualClock;
  let aggregates: Aggregates;
  let steps: string[];
  let publishing: PublishResults;
  let reported: HeadlineReport | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'publish-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    clock = new ManualClock(duringCampaign);
    aggregates = new Aggregates(store, clock);
    await aggregates.execute(streams.campaign('xz-2019'), campaignDecider, { type: 'OpenCampaign', data: definition }, () => ({ now: clock.now() }), meta);
    clock.set(afterClosing);
    steps = [];
    reported = undefined;
    const projections = { catchUp: async () => void steps.push('catch-up') } as unknown as Projections;
    const queries = {
      execute: async () => {
        steps.push('report');
        const head = await store.headPosition();
        reported = { campaignId: 'xz-2019', respondents: 0, evaluations: 0, asOf: { position: String(head), recordedAt: null } } as unknown as HeadlineReport;
        return reported;
      },
    } as unknown as QueryBus;
    const sealer = new Sealer(store, clock);
    const sealNow = sealer.sealNow.bind(sealer);
    sealer.sealNow = () => {
      steps.push('seal');
      return sealNow();
    };
    publishing = new PublishResults(aggregates, projections, queries, sealer);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const close = () => aggregates.execute(streams.campaign('xz-2019'), campaignDecider, { type: 'CloseCampaign', data: { campaignId: 'xz-2019' } }, () => ({ now: afterClosing }), meta);

  it('waits for the projections, freezes the report at its position with the methodology and a seal taken just before, then waits again', async () => {
    await close();
    const published = await publishing.run('xz-2019', meta);

    expect(steps).toEqual(['catch-up', 'report', 'seal', 'catch-up']);
    const [seal] = await store.readStream(SEALS_STREAM);
    const campaign = await store.readStream(streams.campaign('xz-2019'));
    const event = campaign[campaign.length - 1];
    expect(event.type).toBe('ResultsPublished');
    const method = methodologyOf(definition);
    const sealed = seal.data as Seal;
    expect((event as unknown as ResultsPublished).data).toEqual({
      campaignId: 'xz-2019',
      position: Number(reported!.asOf.position),
      figures: reported,
      methodology: method,
      methodologyHash: methodologyHash(method),
      seal: { position: sealed.position, count: sealed.count, rollingHash: sealed.rollingHash, sealedAt: sealed.sealedAt },
      publishedAt: afterClosing.toISOString(),
    });
    // The seal covers every event the report was computed from, and comes before the publication.
    expect(sealed.position).toBeGreaterThanOrEqual(Number(reported!.asOf.position));
    expect(seal.position).toBeLessThan(event.position);
    expect(published).toMatchObject({ id: 'xz-2019', status: 'published', publishedAt: afterClosing.toISOString(), published: reported, seal: { position: sealed.position } });
  });

  it('refuses a campaign still open before any waiting, report, seal or append', async () => {
    clock.set(duringCampaign);
    const head = await store.headPosition();
    const refused = publishing.run('xz-2019', meta);
    await expect(refused).rejects.toThrow(Conflict);
    await expect(refused).rejects.toThrow(/is open: close it before publishing/);
    expect(steps).toEqual([]);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses an unknown campaign, and a published one, the same way', async () => {
    await expect(publishing.run('xz-2018', meta)).rejects.toThrow(NotFound);
    await close();
    await publishing.run('xz-2019', meta);
    const head = await store.headPosition();
    steps = [];
    await expect(publishing.run('xz-2019', meta)).rejects.toThrow(/already published/);
    expect(steps).toEqual([]);
    expect(await store.headPosition()).toBe(head);
  });
});
