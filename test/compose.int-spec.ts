/**
 * docker/compose.yml is checked with Debian's docker-compose (`config -q` parses, merges and
 * interpolates the file; no engine needed, and none runs where the tests run). .ci/run installs it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const file = join(__dirname, '..', 'docker', 'compose.yml');
const compose = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('docker-compose', ['-f', file, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

describe('docker/compose.yml', () => {
  beforeAll(() => {
    const probe = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
    if (probe.error) throw new Error("docker-compose is not installed: apt-get install docker-compose (.ci/run does)");
  });

  it.each([['single'], ['cluster']])('is a valid compose file with the %s EventStoreDB profile', (profile) => {
    const result = compose(['--profile', profile, 'config', '-q'], { SURVEY_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs two API replicas behind one projector, projections out of the API', () => {
    const result = compose(['--profile', 'single', 'config'], { SURVEY_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/replicas: 2/);
    expect(result.stdout).toMatch(/PROJECTIONS: external/);
    expect(result.stdout).toMatch(/dist\/apps\/projector\/src\/main\.js/);
    expect(result.stdout).toMatch(/replSet/);
  });

  it('refuses to start without a JWT secret, naming it', () => {
    const result = compose(['--profile', 'single', 'config', '-q']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/SURVEY_JWT_SECRET/);
  });
});
