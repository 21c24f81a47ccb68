/**
 * Every 5xx is logged with its request id and cause, on the real app: a route that fails with an
 * unexpected error answers a 500 problem carrying the id that X-Request-Id gives and the log line
 * names; 4xx answers are not logged. Every answer has an X-Request-Id of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleLogger, Controller, Get, LogLevel, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ApiModule } from '../apps/api/src/api.module';
import { createHttpApp } from '../apps/api/src/http/create-app';
import { admin, TEST_SECRET } from './support/app';
import { expectProblem } from './support/problem';
import { storeConfig } from './support/stores';

@Controller('v1/test-failure')
class FailingController {
  @Get()
  fail(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'levels')");
  }
}

/** Keeps what would be printed, as the console logger formats it. */
class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  protected override printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    this.lines.push(`${logLevel} [${context}] ${messages.map(String).join(' ')}`);
  }
}

describe('5xx answers are logged', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-e2e-'));
  const logger = new CapturingLogger({ logLevels: ['warn', 'error'] });
  let app: NestFastifyApplication;
  let http: () => ReturnType<typeof request>;

  beforeAll(async () => {
    const config = { port: 0, dataDir, jwtSecret: TEST_SECRET, suppressionK: 5, publicUrl: 'http://localhost', inProcessProjector: true, ...storeConfig(dataDir) };
    @Module({ imports: [ApiModule.forRoot(config)], controllers: [FailingController] })
    class WithFailingRoute {}
    app = await createHttpApp(WithFailingRoute, { logger });
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    http = () => request(url);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs a 500 with the request id, method, path and the cause with its stack', async () => {
    const res = await http().get('/v1/test-failure?x=1');
    const problem = expectProblem(res, 500, /failed to handle/);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(problem).toMatchObject({ requestId: id });
    expect(JSON.stringify(problem)).not.toMatch(/levels|TypeError/); // no internals in the answer
    const line = logger.lines.find((l) => l.includes(id));
    expect(line).toMatch(new RegExp(`^error \\[HTTP\\] request ${id} GET /v1/test-failure\\?x=1 answered 500: TypeError: Cannot read properties of undefined \\(reading 'levels'\\)\\n\\s+at `));
  });

  it('gives every answer its own request id, and logs no 4xx', async () => {
    const before = logger.lines.length;
    const answers = await Promise.all([http().get('/v1/health'), http().get('/v1/campaigns/nowhere').set(admin), http().get('/v1/campaigns'), http().post('/v1/campaigns').set(admin).send({})]);
    expect(answers.map((r) => r.status)).toEqual([200, 404, 401, 400]);
    const ids = answers.map((r) => r.headers['x-request-id']);
    expect(new Set(ids).size).toBe(4);
    expect(logger.lines.slice(before)).toEqual([]);
  });
});
