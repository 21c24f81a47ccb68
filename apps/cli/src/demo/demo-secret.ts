/** The demo's JWT secret: SURVEY_JWT_SECRET when set, else one made once and kept in DATA_DIR. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function demoSecret(dataDir: string, env = process.env): string {
  if (env.SURVEY_JWT_SECRET) return env.SURVEY_JWT_SECRET;
  const file = join(dataDir, 'demo-jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
