/** The human-readable verification report: key figures, every failure, the methodology, the live read models. */
import { isKeyFigure, type FigureCheck, type VerifyReport } from '@survey/application';

const show = (v: FigureCheck['published']) => (v === undefined ? '(absent)' : JSON.stringify(v));

export function describeVerification(r: VerifyReport): string {
  const lines = [`${r.campaignId}: published ${r.published.publishedAt} from the log up to position ${r.published.position}`];
  const key = r.figures.filter((c) => isKeyFigure(c.figure));
  const width = Math.max(...key.map((c) => c.figure.length), ...r.failures.map((c) => c.figure.length), 10);
  for (const c of key) {
    lines.push(c.reproduces
      ? `  ok    ${c.figure.padEnd(width)}  ${show(c.published)}`
      : `  FAIL  ${c.figure.padEnd(width)}  published ${show(c.published)}, replay gives ${show(c.replayed)}`);
  }
  for (const c of r.failures.filter((f) => !isKeyFigure(f.figure))) {
    lines.push(`  FAIL  ${c.figure.padEnd(width)}  published ${show(c.published)}, replay gives ${show(c.replayed)}`);
  }
  const others = r.figures.length - key.length;
  const otherFailures = r.failures.filter((f) => !isKeyFigure(f.figure)).length;
  lines.push(`  and ${others - otherFailures} of ${others} other figures (intervals, ranks, p-values, names, position) reproduce`);
  const m = r.methodology;
  lines.push(`methodology: ${m.matches ? 'ok' : 'MISMATCH'}, ${m.detail} (recorded ${m.recordedHash ?? 'none'}, current ${m.currentHash})`);
  const l = r.live;
  const lag = l.lag ? `, ${l.lag} events behind the log head ${l.head} (not a failure)` : ', up to date with the log';
  lines.push(l.agrees
    ? `live read models: agree with a replay to their checkpoint ${l.checkpoint}${lag}`
    : `live read models: DISAGREE with a replay to their checkpoint ${l.checkpoint} on ${l.differences.map((d) => d.figure).join(', ')}${lag}; \`survey rebuild\` recomputes them`);
  lines.push(r.ok
    ? `result: every published figure reproduces (${r.figures.length} figures)`
    : `result: FAILED: ${r.failures.length === 1 ? '1 published figure does' : `${r.failures.length} published figures do`} not reproduce: ${r.failures.map((f) => f.figure).join(', ')}`);
  return lines.join('\n');
}
