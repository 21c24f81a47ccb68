/** Headline report latency over HTTP, one request at a time after a warm-up, as an analyst sees it. */
import jwt from 'jsonwebtoken';
import { percentile } from './support';

export async function reportLatency(url: string, campaignId: string, secret: string, requests = 2000): Promise<{ p50: number; p99: number }> {
  const headers = { authorization: `Bearer ${jwt.sign({ role: 'analyst' }, secret, { algorithm: 'HS256', subject: 'bench', expiresIn: 3600 })}` };
  const get = async () => {
    const res = await fetch(`${url}/v1/reports/campaigns/${campaignId}`, { headers });
    if (res.status !== 200) throw new Error(`headline report: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 200; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await get();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}
