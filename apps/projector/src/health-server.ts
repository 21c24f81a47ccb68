/**
 * The projector's health on HEALTH_PORT (when set): GET /v1/health answers while the process
 * lives; GET /v1/health/ready gives the stores' status, the log head and each projection's position
 * and lag, 503 when a store does not answer, a projection has failed or the log cannot be written:
 * the API's readiness (Readiness, libs/application). Plain node:http: the process serves nothing else.
 */
import { createServer, Server } from 'node:http';
import { ALIVE } from '@survey/application';
import type { Readiness } from '@survey/application';

export function serveHealth(readiness: Readiness, port: number): Server {
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'GET only' });
    if (req.url === '/v1/health') return send(200, ALIVE);
    if (req.url !== '/v1/health/ready') return send(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `no route ${req.url}` });
    const { statusCode, body } = await readiness.answer();
    send(statusCode, body);
  }).listen(port);
}
