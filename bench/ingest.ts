/**
 * Durable submissions over HTTP against the same route answered by a no-op, with autocannon:
 * 50 connections a window, every request a first submission of a distinct (enterprise, agency):
 * a window starting at request `from` goes on where the one before stopped.
 */
import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import { pool } from '@survey/application';
import { creditCode } from '@survey/domain/testing';

export const SECRET = 'bench-secret-of-at-least-thirty-two-characters';
const ENTERPRISES = 20_000;
export const AGENCIES = Array.from({ length: 40 }, (_, i) => `agency-${i + 1}`);

const sign = (role: string, sub: string) => jwt.sign({ role }, SECRET, { algorithm: 'HS256', subject: sub, expiresIn: 3600 });

/** Opens the campaign and registers the enterprises (over HTTP, so through the command path). */
export async function prepare(url: string): Promise<void> {
  const admin = { authorization: `Bearer ${sign('admin', 'bench')}`, 'content-type': 'application/json' };
  const now = Date.now();
  const campaign = {
    id: 'bench', year: 2020, title: 'bench', opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(),
    agencies: AGENCIES.map((id) => ({ id, name: id })),
  };
  const opened = await fetch(`${url}/v1/campaigns`, { method: 'POST', headers: admin, body: JSON.stringify(campaign) });
  if (opened.status !== 201) throw new Error(`opening the bench campaign: ${opened.status} ${await opened.text()}`);
  const profile = JSON.stringify({ name: '徐州基准测试有限公司', district: '鼓楼区', industry: 'C', size: 'small' });
  await pool(Array.from({ length: ENTERPRISES }, (_, i) => i), 32, async (i) => {
    const res = await fetch(`${url}/v1/enterprises/${creditCode(i)}`, { method: 'PUT', headers: admin, body: profile });
    if (res.status !== 201) throw new Error(`registering ${creditCode(i)}: ${res.status}`);
    await res.arrayBuffer();
  });
}

let tokens: string[] | undefined;

/** Requests per second of 2xx answers; throws if any answer is not 201. `from`: the first request's number (distinct pairs across windows). */
export async function hammer(url: string, seconds = 10, from = 0): Promise<{ perSec: number; total: number }> {
  // Signed once per bench process: 20,000 signatures took the hammer's own CPU before every window.
  tokens ??= Array.from({ length: ENTERPRISES }, (_, i) => `Bearer ${sign('enterprise', creditCode(i))}`);
  let i = from;
  const body = JSON.stringify({ rating: 'satisfied', answers: { efficiency: 'satisfied', attitude: 'very_satisfied' } });
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [{
      method: 'PUT',
      setupRequest: (req) => {
        const n = i++;
        const enterprise = n % ENTERPRISES;
        const agency = AGENCIES[Math.floor(n / ENTERPRISES) % AGENCIES.length];
        return { ...req, path: `/v1/campaigns/bench/evaluations/${agency}`, body, headers: { 'content-type': 'application/json', authorization: tokens![enterprise] } };
      },
    }],
  });
  const other = result.non2xx + result.errors + result.timeouts;
  if (other > 0) throw new Error(`${other} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  const total = result['2xx'];
  return { perSec: total / seconds, total };
}
