/**
 * The one logger of every process (pino): JSON lines with `level` (its name), `time` (ISO 8601),
 * `process` and `msg`, secrets and tokens taken out of every line (./redaction.ts). On a terminal
 * the same lines go through pino-pretty instead, in colour. The API and apps/projector log to
 * stdout; the CLI to stderr, its stdout being its results.
 */
import pino, { Logger } from 'pino';
import type { LogLevel } from '../config/observability';
import { REDACT_PATHS, REDACTED, secretScrubber } from './redaction';

export type { Logger };

export interface RootLoggerOptions {
  process: 'api' | 'projector' | 'cli';
  level?: LogLevel;
  /** 1 (stdout) or 2 (stderr). */
  fd?: 1 | 2;
  /** Literal secrets of this process, taken out of every message (SURVEY_JWT_SECRET and the like). */
  secrets?: readonly (string | undefined)[];
  /** Pretty lines rather than JSON; by default when the destination is a terminal. */
  pretty?: boolean;
}

/** The secrets a process may hold, from its environment: none of them is ever printed. */
export const secretsOf = (env: Record<string, string | undefined>) => [env.SURVEY_JWT_SECRET, env.NOTIFY_WEBHOOK_SECRET, env.METRICS_TOKEN];

export function rootLogger(options: RootLoggerOptions): Logger {
  const fd = options.fd ?? 1;
  const scrub = secretScrubber(options.secrets ?? []);
  const pretty = options.pretty ?? Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY);
  // JSON: synchronous writes, so a line logged just before a crash or an exit is not lost in a buffer.
  // A terminal: pino-pretty as a transport, loaded only then (it costs every process's start-up otherwise).
  const destination = pretty
    ? pino.transport({ target: 'pino-pretty', options: { colorize: true, destination: fd, translateTime: 'SYS:HH:MM:ss.l' } })
    : pino.destination({ dest: fd, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      base: { process: options.process },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      hooks: {
        // Messages are text the code wrote, which may quote a URL or an error that carries a secret.
        logMethod(args, method) {
          for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') args[i] = scrub(args[i] as string);
          return method.apply(this, args);
        },
      },
      serializers: { err: (error: unknown) => serializeError(error, scrub) },
    },
    destination,
  );
}

function serializeError(error: unknown, scrub: (text: string) => string): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (typeof serialized?.message === 'string') serialized.message = scrub(serialized.message);
  if (typeof serialized?.stack === 'string') serialized.stack = scrub(serialized.stack);
  return serialized;
}
