/**
 * Lines logged while a request is handled carry its id (`reqId`, the X-Request-Id), through an
 * await and through the body's parsing, each request its own even when they overlap; lines logged
 * outside any request carry none; and a request that logs nothing makes no child logger (the scope
 * is a Fastify hook with a lazy child: apps/api http/create-app.ts, request-log-scope.ts).
 */
import { Writable } from 'node:stream';
import { Body, Controller, Get, Logger, Module, Put } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import request from 'supertest';
import { ProcessLogger } from '@survey/application';
import { pause } from '@survey/domain/testing';
import { createHttpApp } from '../apps/api/src/http/create-app';
import { logLines } from './support/log-lines';

const log = new Logger('Echo');

@Controller('v1/scope')
class ScopeController {
  @Put()
  async echo(@Body() body: { n: number }) {
    await pause(5 + (body.n % 3) * 5); // overlapping requests, finishing out of order
    log.log(`inside ${body.n}`);
    return { n: body.n };
  }

  @Get()
  quiet() {
    return { ok: true };
  }
}

@Module({ controllers: [ScopeController] })
class ScopeModule {}

describe('the request scope of log lines', () => {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const root = pino({ level: 'info' }, sink);
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(ScopeModule, { pino: root });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app?.close());

  it('gives each line logged inside a request that request\'s id, after an await and a body', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, n) => request(app.getHttpServer()).put('/v1/scope').set('content-type', 'application/json').send({ n })),
    );
    const inside = logLines(text).filter((l) => l.msg?.startsWith('inside '));
    expect(inside).toHaveLength(12);
    for (const [n, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      const id = answer.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(inside.filter((l) => l.msg === `inside ${n}`)).toEqual([expect.objectContaining({ reqId: id, context: 'Echo' })]);
    }
  });

  it('logs a line outside any request without an id', () => {
    app.get(ProcessLogger).log('outside', 'Test');
    expect(logLines(text).find((l) => l.msg === 'outside')).not.toHaveProperty('reqId');
  });

  it('makes no child logger for a request that logs nothing', async () => {
    const child = jest.spyOn(root, 'child');
    expect((await request(app.getHttpServer()).get('/v1/scope')).status).toBe(200);
    expect(child).not.toHaveBeenCalled();
    await request(app.getHttpServer()).put('/v1/scope').set('content-type', 'application/json').send({ n: 99 });
    expect(child).toHaveBeenCalledTimes(1);
    child.mockRestore();
  });
});
