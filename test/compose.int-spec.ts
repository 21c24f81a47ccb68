/**
 * docker/compose.yml is checked with Debian's docker-compose (`config -q` parses, merges and
 * interpolates the file; no engine needed, and none runs where the tests run). .ci/run installs it;
 * on a machine without it that suite is reported skipped (./support/requirements.ts).
 * The file is also parsed here (the `yaml` package, merge keys on) and held to the rules of
 * ./support/compose-rules.ts: options the pinned EventStoreDB image documents, with values of their
 * kind; a cluster that advertises names and binds 0.0.0.0; apps that restart and wait for health.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVER_HEAP_FLAGS } from '@survey/application';
import { clusterProblems, esdbOptionProblems, startupProblems } from './support/compose-rules';
import type { Services } from './support/compose-rules';
import { describeIfInstalled, DOCKER_COMPOSE, dockerComposeInstalled } from './support/requirements';

const file = join(__dirname, '..', 'docker', 'compose.yml');
const compose = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(DOCKER_COMPOSE, ['-f', file, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

describeIfInstalled(dockerComposeInstalled, 'docker/compose.yml', () => {
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

describe('docker/compose.yml, parsed', () => {
  const services = (parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Services }).services;

  it('sets only EventStoreDB options that the pinned image documents, each with a value of its kind', () => {
    expect(esdbOptionProblems(services)).toEqual([]);
  });

  it('runs a 3-node cluster whose nodes bind 0.0.0.0, advertise their service names and seed from each other', () => {
    expect(clusterProblems(services)).toEqual([]);
    expect(Object.keys(services).filter((n) => services[n].profiles?.includes('cluster') && services[n].image?.startsWith('eventstore/'))).toHaveLength(3);
  });

  it('starts the API and the projector after a healthy EventStoreDB of their profile, and restarts them on failure', () => {
    expect(startupProblems(services)).toEqual([]);
    for (const profile of ['single', 'cluster']) {
      const apps = Object.keys(services).filter((n) => services[n].build && services[n].profiles?.includes(profile));
      expect(apps.map((n) => (services[n] as { command?: string[] }).command?.join(' ') ?? 'api').sort()).toEqual(['api', ['node', ...SERVER_HEAP_FLAGS, 'dist/apps/projector/src/main.js'].join(' ')]);
    }
  });
});
