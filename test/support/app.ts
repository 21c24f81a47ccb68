/**
 * Starts the real API (Fastify, guards, pipes, filters, SQLite files in a fresh temp dir) for e2e
 * tests, and signs tokens for it. Nothing is mocked: requests go over HTTP through supertest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import jwt from 'jsonwebtoken';
import { ApiModule } from '../../apps/api/src/api.module';
import { AppConfig, DEFAULT_LIMITS, RateLimits } from '@survey/application';
import { createHttpApp } from '../../apps/api/src/http/create-app';
import { publishApiDocs } from '../../apps/api/src/docs/docs.module';
import { ApiDescription } from '../../apps/api/src/docs/docs.controller';
import { checkedAgent, OpenApiDocument, ResponseChecker } from './openapi';
import { Clock, systemClock } from '@survey/application';
import { CaseReactor, Projections } from '@survey/application';
import { EVENT_STORE } from '@survey/event-store';
import type { Role } from '@survey/application';
import { storeConfig } from './stores';

type EventStoreHead = { headPosition(): Promise<number> };

export const TEST_SECRET = 'test-secret-of-at-least-thirty-two-characters!';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  /** Where the app listens, e.g. http://127.0.0.1:41234, for clients other than supertest. */
  url: string;
  dataDir: string;
  /** Waits until the projections have folded in everything appended so far. */
  settle: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startApp(options: { clock?: Clock; dataDir?: string; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'survey-e2e-'));
  const config: AppConfig = {
    port: 0, dataDir, jwtSecret: TEST_SECRET, suppressionK: 5, publicUrl: 'http://localhost', inProcessProjector: true,
    ...storeConfig(dataDir),
    ...options.config,
  };
  const app = await createHttpApp(ApiModule.forRoot(config, options.clock ?? systemClock), { logger: false });
  publishApiDocs(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  // A real listening socket: concurrent supertest calls on an unbound server would each bind and close it.
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const projections = app.get(Projections);
  // The case reactor appends after what it reads: settled means it has acted too, and the projections have folded what it appended.
  const reactor = config.inProcessProjector ? app.get(CaseReactor, { strict: false }) : undefined;
  const settle = async () => {
    if (reactor) await reactor.waitFor(await app.get<EventStoreHead>(EVENT_STORE, { strict: false }).headPosition());
    await projections.catchUp(10_000);
  };
  // Every answer a suite gets through http() is checked against the OpenAPI description; what does
  // not match is reported when the suite closes the app (an answer of no documented route is not).
  let checker: ResponseChecker | undefined;
  const checkerOf = () => (checker ??= new ResponseChecker(JSON.parse(JSON.stringify(app.get(ApiDescription).document)) as OpenApiDocument, { validateSchemas: false }));
  const mismatches: string[] = [];
  return {
    app,
    dataDir,
    http: () => checkedAgent(request(url), checkerOf, mismatches),
    url,
    settle,
    close: async () => {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (mismatches.length) throw new Error(`answers that do not match the OpenAPI description (/docs/openapi.json):\n${[...new Set(mismatches)].join('\n\n')}`);
    },
  };
}

/** Config for a suite that, to test something else, goes beyond some default rate limits (rate-limits.e2e-spec.ts tests them). */
export function withoutRateLimits(...limits: (keyof RateLimits)[]): Partial<AppConfig> {
  const rateLimits: RateLimits = { ...DEFAULT_LIMITS.rateLimits };
  for (const limit of limits) rateLimits[limit] = null;
  return { rateLimits };
}

export function token(role: Role, sub: string, claims: Record<string, unknown> = {}, secret = TEST_SECRET): string {
  return jwt.sign({ role, ...claims }, secret, { algorithm: 'HS256', subject: sub, expiresIn: 600 });
}

export const bearer = (role: Role, sub: string) => ({ authorization: `Bearer ${token(role, sub)}` });
export const admin = bearer('admin', 'admin-1');
export const analyst = bearer('analyst', 'analyst-1');
export const auditor = bearer('auditor', 'auditor-1');
