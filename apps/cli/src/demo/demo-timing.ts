/**
 * An opt-in timing log of the demo's phases (DEMO_TIMING=1): wall, CPU (user+sys of this
 * process, its threads together: the projector child is not counted) and the event loop's idle
 * time (the main thread waiting, mostly on the append writer's commits) per phase and per
 * timeline participant, on stderr when the seeding ends. For measuring where the demo's time
 * goes; silent otherwise.
 */
import { performance } from 'node:perf_hooks';
import type { DemoParticipant } from './timeline';

interface Spent {
  wall: number;
  cpu: number;
  idle: number;
}

const enabled = (): boolean => process.env.DEMO_TIMING === '1';
const spent = new Map<string, Spent>();

function add(name: string, wallMs: number, cpuUs: number, idleMs: number): void {
  const s = spent.get(name) ?? { wall: 0, cpu: 0, idle: 0 };
  s.wall += wallMs;
  s.cpu += cpuUs / 1000;
  s.idle += idleMs;
  spent.set(name, s);
}

/** Runs `work` and adds its wall and CPU time to `name`'s. */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!enabled()) return work();
  const wall = Date.now();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(cpu);
    add(name, Date.now() - wall, used.user + used.system, performance.eventLoopUtilization(loop).idle);
  }
}

/** The participant with its turns timed under `name`. */
export function timedParticipant(name: string, p: DemoParticipant): DemoParticipant {
  if (!enabled()) return p;
  return {
    start: () => timed(`${name} start`, () => p.start()),
    turn: (at) => timed(name, () => p.turn(at)),
    pending: () => p.pending(),
    stop: () => p.stop(),
  };
}

/** The phases so far, one line each, on stderr (nothing unless DEMO_TIMING=1). */
export function printTimings(): void {
  if (!enabled()) return;
  for (const [name, s] of spent) {
    process.stderr.write(`demo timing: ${name}: ${(s.wall / 1000).toFixed(1)} s wall, ${(s.cpu / 1000).toFixed(1)} s CPU, event loop idle ${(s.idle / 1000).toFixed(1)} s\n`);
  }
}
