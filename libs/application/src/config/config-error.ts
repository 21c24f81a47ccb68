/**
 * A configuration variable that cannot be used, as the one line start-up prints, and the reader of
 * an integer variable that every part of the configuration (config.ts, http-limits.ts, limits.ts)
 * shares. Apart from config.ts so that the parts config.ts assembles need not import it back.
 */
type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`configuration: ${variable} ${problem}`);
  }
}

/** Configuration errors and store start-up errors (which carry `variable`) print as their one line. */
export function startupLine(error: unknown): string | undefined {
  const named = error instanceof Error && typeof (error as { variable?: unknown }).variable === 'string';
  return named ? error.message : undefined;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}
