/**
 * What docker/compose.yml must say for its EventStoreDB services to start and for the apps to wait
 * for them, as pure checks over the parsed file (test/compose.int-spec.ts runs them; none needs a
 * Docker engine). Each check returns the problems it found, one line each, so a failure names them.
 *
 * The documented options are those of the pinned image tag, taken from its docs pages:
 *   https://developers.eventstore.com/server/v24.10/configuration/networking.html
 *   https://developers.eventstore.com/server/v24.10/configuration/cluster.html
 *   https://developers.eventstore.com/server/v24.10/security/protocol-security.html (Insecure)
 *   https://developers.eventstore.com/server/v24.10/features/projections/ (RunProjections)
 * Names deprecated in 23.10 (EXT_IP, INT_IP, …) are left out on purpose: use the new ones.
 */
import { isIP } from 'node:net';

export const ESDB_IMAGE = 'eventstore/eventstore:24.10';

type Kind = 'bool' | 'int' | 'ip' | 'host' | 'endpoints' | readonly string[];

export const DOCUMENTED_ESDB_OPTIONS: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ['EVENTSTORE_INSECURE', 'bool'],
  ['EVENTSTORE_RUN_PROJECTIONS', ['None', 'System', 'All']],
  ['EVENTSTORE_START_STANDARD_PROJECTIONS', 'bool'],
  ['EVENTSTORE_ENABLE_ATOM_PUB_OVER_HTTP', 'bool'],
  ['EVENTSTORE_CLUSTER_SIZE', 'int'],
  ['EVENTSTORE_DISCOVER_VIA_DNS', 'bool'],
  ['EVENTSTORE_CLUSTER_DNS', 'host'],
  ['EVENTSTORE_GOSSIP_SEED', 'endpoints'],
  ['EVENTSTORE_NODE_IP', 'ip'],
  ['EVENTSTORE_NODE_PORT', 'int'],
  ['EVENTSTORE_REPLICATION_IP', 'ip'],
  ['EVENTSTORE_REPLICATION_PORT', 'int'],
  ['EVENTSTORE_NODE_HOST_ADVERTISE_AS', 'host'],
  ['EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS', 'host'],
  ['EVENTSTORE_ADVERTISE_HOST_TO_CLIENT_AS', 'host'],
  ['EVENTSTORE_ADVERTISE_NODE_PORT_TO_CLIENT_AS', 'int'],
]);

export interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  restart?: string;
  environment?: Record<string, unknown> | string[];
  healthcheck?: { test?: string[] | string };
  depends_on?: Record<string, { condition?: string }> | string[];
}

export type Services = Record<string, Service>;

export function environmentOf(service: Service): Map<string, string> {
  const env = service.environment ?? {};
  const pairs = Array.isArray(env) ? env.map((line) => line.split(/=(.*)/s).slice(0, 2)) : Object.entries(env);
  return new Map(pairs.map(([k, v]) => [String(k), v === null || v === undefined ? '' : String(v)]));
}

const isEsdb = (s: Service) => s.image?.startsWith('eventstore/') ?? false;
const isApp = (s: Service) => s.build !== undefined;
const names = (services: Services, test: (s: Service) => boolean) => Object.keys(services).filter((n) => test(services[n]));
const sameProfiles = (a: Service, b: Service) => JSON.stringify([...(a.profiles ?? [])].sort()) === JSON.stringify([...(b.profiles ?? [])].sort());
const isHost = (v: string) => /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(v);

function valueProblem(kind: Kind, value: string): string | null {
  if (Array.isArray(kind)) return kind.includes(value) ? null : `must be one of ${kind.join(', ')}`;
  switch (kind) {
    case 'bool': return /^(true|false)$/i.test(value) ? null : 'must be true or false';
    case 'int': return /^\d+$/.test(value) ? null : 'must be an integer';
    case 'ip': return isIP(value) ? null : 'must be an IP address (0.0.0.0 binds every interface); advertise a host name with *_HOST_ADVERTISE_AS';
    case 'host': return isHost(value) || isIP(value) ? null : 'must be a host name or an IP address';
    case 'endpoints': return value.split(',').every((e) => /^(.+):(\d+)$/.test(e) && isHost(e.replace(/:\d+$/, ''))) ? null : 'must be host:port[,host:port…]';
    default: return null;
  }
}

/** Every EVENTSTORE_* variable is documented for the pinned tag and holds a value of its kind. */
export function esdbOptionProblems(services: Services): string[] {
  const problems: string[] = [];
  for (const name of names(services, isEsdb)) {
    const service = services[name];
    if (service.image !== ESDB_IMAGE) problems.push(`${name}: image ${service.image} is not ${ESDB_IMAGE}, whose options the list holds`);
    for (const [variable, value] of environmentOf(service)) {
      if (!variable.startsWith('EVENTSTORE_')) continue;
      const kind = DOCUMENTED_ESDB_OPTIONS.get(variable);
      if (!kind) problems.push(`${name}: ${variable} is not an option ${ESDB_IMAGE} documents`);
      else {
        const problem = valueProblem(kind, value);
        if (problem) problems.push(`${name}: ${variable}=${value} ${problem}`);
      }
    }
  }
  return problems;
}

/** A cluster's nodes: the right size, each advertising its own name and seeding from the others. */
export function clusterProblems(services: Services): string[] {
  const problems: string[] = [];
  const nodes = names(services, (s) => isEsdb(s) && environmentOf(s).get('EVENTSTORE_CLUSTER_SIZE') !== '1');
  for (const name of nodes) {
    const env = environmentOf(services[name]);
    const peers = nodes.filter((n) => n !== name && sameProfiles(services[n], services[name]));
    if (env.get('EVENTSTORE_CLUSTER_SIZE') !== String(peers.length + 1)) problems.push(`${name}: EVENTSTORE_CLUSTER_SIZE is not ${peers.length + 1}`);
    for (const variable of ['EVENTSTORE_NODE_HOST_ADVERTISE_AS', 'EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS']) {
      if (env.get(variable) !== name) problems.push(`${name}: ${variable} must advertise the service name ${name}, got ${env.get(variable) ?? 'nothing'}`);
    }
    for (const variable of ['EVENTSTORE_NODE_IP', 'EVENTSTORE_REPLICATION_IP']) {
      if (env.get(variable) !== '0.0.0.0') problems.push(`${name}: ${variable} must be 0.0.0.0 (a container's own address is not known in advance)`);
    }
    const seeds = (env.get('EVENTSTORE_GOSSIP_SEED') ?? '').split(',').map((e) => e.replace(/:\d+$/, '')).sort();
    if (JSON.stringify(seeds) !== JSON.stringify([...peers].sort())) problems.push(`${name}: EVENTSTORE_GOSSIP_SEED must name exactly ${peers.join(', ')}`);
  }
  return problems;
}

/** Apps restart on failure and wait for the healthy EventStoreDB nodes of their profile, and only those. */
export function startupProblems(services: Services): string[] {
  const problems: string[] = [];
  for (const name of names(services, isEsdb)) {
    const test = [services[name].healthcheck?.test ?? []].flat().join(' ');
    if (!/\/health\/live/.test(test)) problems.push(`${name}: no healthcheck on /health/live`);
  }
  for (const name of names(services, isApp)) {
    const app = services[name];
    if (!['on-failure', 'unless-stopped', 'always'].includes(app.restart ?? '')) problems.push(`${name}: no restart policy`);
    const deps = app.depends_on ?? {};
    const conditions = new Map(Array.isArray(deps) ? deps.map((d) => [d, undefined]) : Object.entries(deps).map(([d, v]) => [d, v?.condition]));
    for (const [dependency] of conditions) {
      if (!services[dependency]) problems.push(`${name}: depends on ${dependency}, which does not exist`);
      else if (services[dependency].profiles && !sameProfiles(services[dependency], app)) problems.push(`${name}: depends on ${dependency}, which its profile does not start`);
    }
    const url = environmentOf(app).get('EVENTSTORE_URL') ?? '';
    const urlHosts = [...url.matchAll(/(?:\/\/|,)([a-z0-9.-]+):\d+/gi)].map((m) => m[1]);
    for (const node of names(services, (s) => isEsdb(s) && sameProfiles(s, app))) {
      if (conditions.get(node) !== 'service_healthy') problems.push(`${name}: does not wait for ${node} to be healthy`);
      if (!urlHosts.includes(node)) problems.push(`${name}: EVENTSTORE_URL does not name ${node}`);
    }
    for (const host of urlHosts) if (!services[host] || !sameProfiles(services[host], app)) problems.push(`${name}: EVENTSTORE_URL names ${host}, which its profile does not start`);
  }
  return problems;
}
