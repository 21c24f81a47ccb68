/**
 * Headline report latency over HTTP, one request at a time after a warm-up, as an analyst sees
 * it. A keep-alive node:http client: fetch's own overhead and garbage would dominate the tail.
 */
import { Agent, request } from 'node:http';
import jwt from 'jsonwebtoken';
import { percentile } from './support';

export async function reportLatency(url: string, campaignId: string, secret: string, requests = 2000): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { authorization: `Bearer ${jwt.sign({ role: 'analyst' }, secret, { algorithm: 'HS256', subject: 'bench', expiresIn: 3600 })}` };
  const target = new URL(`/v1/reports/campaigns/${campaignId}`, url);
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(target, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`headline report: ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  for (let i = 0; i < 200; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await get();
    times.push(performance.now() - started);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}
