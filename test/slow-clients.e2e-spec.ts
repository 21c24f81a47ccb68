/**
 * The built server's listening line, and its timeouts and connection cap, set small through the
 * environment: a body sent one byte every 5 s, headers that never end, an idle keep-alive
 * connection and one connection too many are each closed, the first two with a 408 problem, while
 * other clients are served. (Fastify's requestTimeout was 0: such a body held its socket for ever.)
 */
import { connect, Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { token } from './support/app';
import { call, seedCampaign, ServerProcess } from './support/server-process';
import { messagesAt } from './support/log-lines';
import { creditCode } from './support/fixtures';

jest.setTimeout(60_000);

const LIMITS = { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000', HTTP_MAX_CONNECTIONS: '4' };

interface Outcome {
  /** Everything the server sent before the connection ended. */
  text: string;
  /** ms from connecting until the connection closed. */
  closedAfterMs: number;
}

/** Opens a raw connection, runs `talk` on it, and resolves when the server closes it (or after `giveUpMs`). */
function converse(url: string, talk: (socket: Socket) => void, giveUpMs = 15_000): Promise<Outcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let text = '';
    const socket = connect(Number(port), hostname, () => talk(socket));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server still held the connection after ${giveUpMs} ms; it sent: ${JSON.stringify(text)}`));
    }, giveUpMs);
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => undefined); // a reset ends it as well as a close
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
  });
}

const problemOf = (text: string) => JSON.parse(text.split('\r\n\r\n')[1]) as { status: number; detail: string };

describe('slow clients against the built server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-slow-'));
  let server: ServerProcess;
  beforeAll(async () => {
    server = await ServerProcess.start(dataDir, { env: LIMITS });
    await seedCampaign(server, 'slow-2019', 1, token('admin', 'admin-1'));
  });
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the address it really listens on: every IPv4 interface, not 127.0.0.1', () => {
    expect(messagesAt(server.stdout, 'info')).toContainEqual(
      expect.stringMatching(new RegExp(`^survey api listening on http://0\\.0\\.0\\.0:${server.port} \\(every IPv4 interface; from this machine http://localhost:${server.port}; data in `)),
    );
  });

  it('closes a connection whose body comes one byte every 5 s, with a 408, once the request timeout is up', async () => {
    const body = JSON.stringify({ rating: 'satisfied' });
    const timers: NodeJS.Timeout[] = [];
    const outcome = await converse(server.url, (socket) => {
      socket.write(
        `PUT /v1/campaigns/slow-2019/evaluations/tax HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token('enterprise', creditCode(1))}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      [...body].forEach((byte, i) => timers.push(setTimeout(() => socket.writable && socket.write(byte), i * 5000)));
    });
    timers.forEach(clearTimeout);
    expect(outcome.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(problemOf(outcome.text)).toMatchObject({ status: 408, detail: 'the request took too long to arrive' });
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(2000);
    expect(outcome.closedAfterMs).toBeLessThan(2000 + 2500); // the timeout plus Node's 1 s check, with room for a busy machine
    // Nothing of it was stored.
    const ballot = await call('GET', `${server.url}/v1/campaigns/slow-2019/evaluations`, { token: token('enterprise', creditCode(1)) });
    expect(ballot.body).toMatchObject({ evaluations: [] });
  });

  it('closes a connection whose headers never end, with a 408, once the headers timeout is up', async () => {
    const outcome = await converse(server.url, (socket) => socket.write('GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n'));
    expect(outcome.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(1000);
    expect(outcome.closedAfterMs).toBeLessThan(1000 + 2500);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const outcome = await converse(server.url, (socket) => socket.write('GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n'));
    expect(outcome.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(outcome.text).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
    expect(outcome.closedAfterMs).toBeLessThan(1000 + 2500);
  });

  it('closes a connection over the cap at once, and serves the ones under it', async () => {
    const held: Socket[] = [];
    const { hostname, port } = new URL(server.url);
    try {
      for (let i = 0; i < 4; i++) {
        held.push(await new Promise<Socket>((resolve, reject) => {
          const socket = connect(Number(port), hostname, () => resolve(socket)).on('error', reject);
        }));
      }
      const extra = await converse(server.url, () => undefined, 5000);
      expect(extra.text).toBe('');
      expect(extra.closedAfterMs).toBeLessThan(500);
      // One of the four held connections is served as usual.
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        held[0].on('data', (c) => (text += c) && text.includes('"status":"ok"') && resolve(text));
        held[0].write('GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      held.forEach((s) => s.destroy());
    }
  });
});
