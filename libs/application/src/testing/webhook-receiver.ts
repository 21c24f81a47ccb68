/**
 * A webhook receiver for the notification suites (the outbox int-spec, test/notifications.e2e-spec.ts): an HTTP server on 127.0.0.1 that records every
 * POST (key, signature, raw body, whether the signature verifies) and answers as the test says:
 * 200, 500, or not at all (the outbox's timeout then counts it as failed).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { pause } from '@survey/domain/testing';

export type Answer = 'ok' | 'fail' | 'hang';

export interface Received {
  key: string;
  body: string;
  signed: boolean;
  answer: Answer;
  /** Whether the 200 went out (a hung or failed try never delivers). */
  delivered: boolean;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Decides each answer from the key and how many times it came before (0 the first time). */
  answer: (key: string, seen: number) => Answer = () => 'ok';
  /** Wait this long before answering 200 (a slow receiver, so a kill lands mid-delivery). */
  delayMs = 0;
  private readonly hung: ServerResponse[] = [];

  private readonly server: Server;
  private port = 0;

  private constructor(private readonly secret: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(secret: string): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(secret);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as { port: number }).port;
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/loop`;
  }

  /** The distinct keys delivered (answered 200), in the order of their first delivery. */
  get deliveredKeys(): string[] {
    return [...new Set(this.received.filter((r) => r.delivered).map((r) => r.key))];
  }

  bodies(): Record<string, unknown>[] {
    const firsts = new Map<string, string>();
    for (const r of this.received) if (r.delivered && !firsts.has(r.key)) firsts.set(r.key, r.body);
    return [...firsts.values()].map((b) => JSON.parse(b) as Record<string, unknown>);
  }

  async waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; received ${JSON.stringify(this.received.map((r) => [r.key, r.answer]))}`);
      await pause(25);
    }
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const key = String(req.headers['idempotency-key'] ?? '');
    const seen = this.received.filter((r) => r.key === key).length;
    const record: Received = { key, body, signed: this.verifies(body, req.headers['x-signature']), answer: this.answer(key, seen), delivered: false };
    this.received.push(record);
    if (record.answer === 'hang') return void this.hung.push(res);
    if (record.answer === 'fail') return void res.writeHead(500).end('receiver down');
    if (this.delayMs) await pause(this.delayMs);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}', () => (record.delivered = true));
  }

  /** What a receiver does (docs/notifications.md): the HMAC of the raw body, compared in constant time. */
  private verifies(body: string, header: string | string[] | undefined): boolean {
    const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`);
    const given = Buffer.from(typeof header === 'string' ? header : '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
