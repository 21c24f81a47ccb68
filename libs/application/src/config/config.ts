/**
 * Configuration from the environment, validated once at start-up: a bad value stops the process
 * with one line naming the variable.
 */
import { resolve } from 'node:path';

export interface AppConfig {
  port: number;
  dataDir: string;
  jwtSecret: string;
  suppressionK: number;
  publicUrl: string;
  /** PROJECTIONS=in-process (default) runs them inside the API; `external` leaves them to apps/projector. */
  inProcessProjector: boolean;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`configuration: ${variable} ${problem}`);
  }
}

export const APP_CONFIG = Symbol('AppConfig');

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

function projections(env: Env): 'in-process' | 'external' {
  const value = env.PROJECTIONS || 'in-process';
  if (value !== 'in-process' && value !== 'external') throw new ConfigError('PROJECTIONS', `must be in-process or external, got "${value}"`);
  return value;
}

export function loadConfig(env: Env = process.env, options: { requireSecret?: boolean } = {}): AppConfig {
  for (const name of ['EVENTSTORE_URL', 'MONGODB_URL']) {
    if (env[name]) throw new ConfigError(name, 'is set, but this build runs on the embedded SQLite stores only: unset it');
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const jwtSecret = env.SURVEY_JWT_SECRET ?? '';
  if (options.requireSecret !== false && jwtSecret.length < 32) {
    throw new ConfigError('SURVEY_JWT_SECRET', jwtSecret ? 'must be at least 32 characters (HS256 wants a 256-bit key)' : 'is required (an HS256 secret of at least 32 characters)');
  }
  const publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an absolute URL, got "${publicUrl}"`);
  }
  return {
    port,
    dataDir: resolve(env.DATA_DIR || './data'),
    jwtSecret,
    suppressionK: integer(env, 'SUPPRESSION_K', 5, 1, 1000),
    publicUrl,
    inProcessProjector: projections(env) === 'in-process',
  };
}
