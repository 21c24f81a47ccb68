/**
 * The real app with one more projection whose fold throws on one event (an enterprise registered in
 * district 坏区): the API keeps taking and reporting ratings, the other projections keep folding,
 * readiness is 503 and names the failing projection with the position it failed at, the failure is
 * retried alone (with backoff) and logged; once the fold no longer throws, it goes past the event
 * and readiness is 200 again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleLogger, Global, LogLevel, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { PROJECTION_LIST, Projections } from '@survey/application';
import { directoryProjection, progressProjection, Projection, reportsProjection, segmentsProjection } from '@survey/read-models';
import { AppModule } from '../apps/api/src/app.module';
import { createHttpApp } from '../apps/api/src/http/create-app';
import { admin, analyst, bearer, TEST_SECRET } from './support/app';
import { aCampaign, aProfile, creditCode } from './support/fixtures';
import { storeConfig } from './support/stores';
import { pause } from '@survey/domain/testing';

let broken = true;
const fragile: Projection = {
  name: 'fragile', collections: ['fragile-docs'], reads: () => [],
  apply: (event, docs) => {
    const data = event.data as { district?: string };
    if (broken && event.type === 'EnterpriseRegistered' && data.district === '坏区') throw new TypeError("Cannot create property 'NaN' on number 'NaN'");
    docs.put('fragile-docs', String(event.position), { type: event.type });
  },
};

@Global()
@Module({ providers: [{ provide: PROJECTION_LIST, useValue: [reportsProjection, segmentsProjection, progressProjection, directoryProjection, fragile] }], exports: [PROJECTION_LIST] })
class WithFragileProjection {}

class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  protected override printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    this.lines.push(`${logLevel} [${context}] ${messages.map(String).join(' ')}`);
  }
}

describe('one projection failing in the running app', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-e2e-'));
  const logger = new CapturingLogger({ logLevels: ['warn', 'error'] });
  let app: NestFastifyApplication;
  let http: () => ReturnType<typeof request>;
  const ready = async () => (await http().get('/v1/health/ready')).body as { status: string; projections: { name: string; status: string; position: number; error?: { message: string; from: number; attempts: number } }[] };

  beforeAll(async () => {
    const config = { port: 0, dataDir, jwtSecret: TEST_SECRET, suppressionK: 5, publicUrl: 'http://localhost', inProcessProjector: true, ...storeConfig(dataDir) };
    @Module({ imports: [WithFragileProjection, AppModule.forRoot(config)] })
    class Root {}
    app = await createHttpApp(Root, { logger });
    app.get(Projections).retry = { firstMs: 50, maxMs: 200 };
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    http = () => request(url);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the API and the other projections going, shows and logs the failure, and recovers once the fold is fixed', async () => {
    await http().post('/v1/campaigns').set(admin).send(aCampaign('xz-2019')).expect(201);
    await http().put(`/v1/enterprises/${creditCode(1)}`).set(admin).send(aProfile()).expect(201);
    await http().put(`/v1/enterprises/${creditCode(2)}`).set(admin).send(aProfile({ district: '坏区' })).expect(201); // position 3
    for (const n of [1, 2]) await http().put('/v1/campaigns/xz-2019/evaluations/tax').set(bearer('enterprise', creditCode(n))).send({ rating: 'satisfied' }).expect(201);

    // The four real projections fold everything; the report counts both ratings.
    const projections = app.get(Projections);
    const head = (await http().get('/v1/health/ready')).body.head as number;
    await Promise.all(projections.all.filter((p) => p.name !== 'fragile').map((p) => p.waitFor(head, 10_000)));
    expect((await http().get('/v1/reports/campaigns/xz-2019').set(analyst).expect(200)).body).toMatchObject({ respondents: 2, evaluations: 2 });

    const red = await http().get('/v1/health/ready').expect(503);
    const statuses = Object.fromEntries((red.body.projections as { name: string; status: string }[]).map((p) => [p.name, p.status]));
    expect(statuses).toEqual({ reports: 'running', segments: 'running', progress: 'running', directory: 'running', fragile: 'failed' });
    const failing = (await ready()).projections.find((p) => p.name === 'fragile')!;
    expect(failing.error).toMatchObject({ message: expect.stringMatching(/^projection fragile failed at position 3 \(EnterpriseRegistered in enterprise-/), from: 3 });
    await http().get('/v1/health').expect(200);
    // Retried alone, with growing delays, each logged with the position.
    await pause(600);
    const retries = logger.lines.filter((l) => l.includes('projection fragile stopped'));
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(retries.every((l) => l.includes('failed at position 3'))).toBe(true);
    expect(logger.lines.filter((l) => /projection (reports|segments|progress|directory) stopped/.test(l))).toEqual([]);

    broken = false;
    const deadline = Date.now() + 5000;
    while ((await ready()).status !== 'ready' && Date.now() < deadline) await pause(50);
    const green = await http().get('/v1/health/ready').expect(200);
    expect(green.body.projections.find((p: { name: string }) => p.name === 'fragile')).toMatchObject({ status: 'running', lag: 0 });
  });
});
