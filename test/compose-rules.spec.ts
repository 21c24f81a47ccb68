/** The compose rules (test/support/compose-rules.ts) catch what they are for, on small hand-made files. */
import { clusterProblems, esdbOptionProblems, ESDB_IMAGE, startupProblems } from './support/compose-rules';
import type { Services } from './support/compose-rules';

const health = { test: ['CMD-SHELL', 'curl --fail http://localhost:2113/health/live || exit 1'] };
const node = (name: string, others: string[], extra: Record<string, string> = {}) => ({
  image: ESDB_IMAGE, profiles: ['cluster'], healthcheck: health,
  environment: {
    EVENTSTORE_CLUSTER_SIZE: '3', EVENTSTORE_NODE_IP: '0.0.0.0', EVENTSTORE_REPLICATION_IP: '0.0.0.0',
    EVENTSTORE_NODE_HOST_ADVERTISE_AS: name, EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS: name,
    EVENTSTORE_GOSSIP_SEED: others.map((o) => `${o}:2113`).join(','), ...extra,
  },
});
const cluster = (): Services => ({
  esdb1: node('esdb1', ['esdb2', 'esdb3']),
  esdb2: node('esdb2', ['esdb1', 'esdb3']),
  esdb3: node('esdb3', ['esdb1', 'esdb2']),
  api: {
    build: { context: '..' }, profiles: ['cluster'], restart: 'on-failure',
    environment: { EVENTSTORE_URL: 'esdb://esdb1:2113,esdb2:2113,esdb3:2113?tls=false' },
    depends_on: { esdb1: { condition: 'service_healthy' }, esdb2: { condition: 'service_healthy' }, esdb3: { condition: 'service_healthy' } },
  },
});

describe('compose rules', () => {
  it('find nothing wrong with a well-formed cluster', () => {
    const services = cluster();
    expect([...esdbOptionProblems(services), ...clusterProblems(services), ...startupProblems(services)]).toEqual([]);
  });

  it('refuse a host name where the server takes an IP address, as the first cluster profile had', () => {
    const services = cluster();
    (services.esdb1.environment as Record<string, string>).EVENTSTORE_NODE_IP = 'esdb1';
    expect(esdbOptionProblems(services)).toEqual([expect.stringMatching(/^esdb1: EVENTSTORE_NODE_IP=esdb1 must be an IP address/)]);
    expect(clusterProblems(services)).toEqual([expect.stringMatching(/^esdb1: EVENTSTORE_NODE_IP must be 0\.0\.0\.0/)]);
  });

  it('refuse options the pinned image does not document (deprecated or misspelt), and another image tag', () => {
    const services = cluster();
    Object.assign(services.esdb2.environment as Record<string, string>, { EVENTSTORE_EXT_IP: '0.0.0.0', EVENTSTORE_GOSIP_SEED: 'x:1' });
    services.esdb3.image = 'eventstore/eventstore:latest';
    expect(esdbOptionProblems(services)).toEqual([
      'esdb2: EVENTSTORE_EXT_IP is not an option eventstore/eventstore:24.10 documents',
      'esdb2: EVENTSTORE_GOSIP_SEED is not an option eventstore/eventstore:24.10 documents',
      expect.stringMatching(/^esdb3: image eventstore\/eventstore:latest is not/),
    ]);
  });

  it('want each node to advertise its own name and seed from the others only', () => {
    const services = cluster();
    delete (services.esdb2.environment as Record<string, string>).EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS;
    (services.esdb3.environment as Record<string, string>).EVENTSTORE_GOSSIP_SEED = 'esdb1:2113,esdb3:2113';
    expect(clusterProblems(services)).toEqual([
      'esdb2: EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS must advertise the service name esdb2, got nothing',
      'esdb3: EVENTSTORE_GOSSIP_SEED must name exactly esdb1, esdb2',
    ]);
  });

  it('want the apps to restart, to wait for every healthy node of their profile, and no service of another profile', () => {
    const services = cluster();
    delete services.api.restart;
    services.api.depends_on = { esdb1: { condition: 'service_healthy' }, esdb2: { condition: 'service_started' }, esdb: { condition: 'service_healthy' } };
    services.esdb = { image: ESDB_IMAGE, profiles: ['single'], healthcheck: health, environment: { EVENTSTORE_CLUSTER_SIZE: '1' } };
    expect(startupProblems(services)).toEqual([
      'api: no restart policy',
      'api: depends on esdb, which its profile does not start',
      'api: does not wait for esdb2 to be healthy',
      'api: does not wait for esdb3 to be healthy',
    ]);
  });

  it('want a health check on every node', () => {
    const services = cluster();
    delete services.esdb1.healthcheck;
    expect(startupProblems(services)).toEqual(['esdb1: no healthcheck on /health/live']);
  });
});
