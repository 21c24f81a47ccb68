/**
 * Start-up checks of the MongoDB read-model store, as pure functions: which database the URL
 * names, what may be printed of it, and whether the server's `hello` answer allows transactions.
 * Every failure becomes one line naming MONGODB_URL, as DESIGN.md asks of a bad configuration.
 */

/** A start-up failure the apps print as is; `variable` lets them treat it as a configuration error. */
export class MongoStartupError extends Error {
  readonly variable = 'MONGODB_URL';

  constructor(problem: string) {
    super(`configuration: MONGODB_URL ${problem}`.replace(/\s*\n\s*/g, ' '));
  }
}

/** The database named in the connection string's path, if any (the driver would say `test`). */
export function databaseIn(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/** The URL without its password, so that an error line can show which server was meant. */
export function redact(url: string): string {
  return url.replace(/^([a-z+]+:\/\/)([^@/?#]*)@/i, (_, scheme: string, userinfo: string) =>
    userinfo.includes(':') ? `${scheme}${userinfo.slice(0, userinfo.indexOf(':'))}:***@` : `${scheme}${userinfo}@`);
}

/** The fields of a `hello` (or legacy `isMaster`) answer that tell a server's role. */
export interface HelloReply {
  setName?: string;
  msg?: string;
  isWritablePrimary?: boolean;
  ismaster?: boolean;
  secondary?: boolean;
  arbiterOnly?: boolean;
  /** The newest wire protocol the server speaks: 13 is MongoDB 5.0, 9 is 4.4. */
  maxWireVersion?: number;
}

/** MongoDB 5.0's wire version (the driver's own table: 4.4 → 9, 5.0 → 13, 6.0 → 17, 7.0 → 21). */
export const MONGODB_5_0_WIRE_VERSION = 13;

/**
 * Why this server cannot hold the read models, or null if it can. Transactions need a replica set
 * member or a mongos; a standalone mongod has none, and without this check the first commit would
 * fail deep in the projector instead of at start-up.
 */
export function topologyProblem(hello: HelloReply): string | null {
  const version = versionProblem(hello);
  if (version) return version;
  if (hello.msg === 'isdbgrid') return null; // mongos: a sharded cluster, whose shards are replica sets
  if (!hello.setName) {
    return 'points at a standalone MongoDB server, but read-model transactions need a replica set or a sharded cluster (start mongod with --replSet rs0 and run rs.initiate(), then add ?replicaSet=rs0)';
  }
  if (hello.arbiterOnly) return `points at an arbiter of replica set ${hello.setName}, which holds no data`;
  if (!(hello.isWritablePrimary ?? hello.ismaster)) {
    return `reaches a secondary of replica set ${hello.setName} only (a direct connection?): name the replica set, e.g. ?replicaSet=${hello.setName}, so that writes go to its primary`;
  }
  return null;
}

/**
 * MongoDB 5.0 or later: read-model documents hold user text as field names (a segment's value, such
 * as a district, keys its cell), and before 5.0 a server refuses a field name that starts with `$`
 * or contains a dot, so one enterprise's district could stop the projector. Checked once, here.
 */
export function versionProblem(hello: HelloReply): string | null {
  const wire = hello.maxWireVersion;
  if (wire === undefined || wire >= MONGODB_5_0_WIRE_VERSION) return null;
  return `points at a MongoDB server older than 5.0 (wire version ${wire}), which refuses field names starting with $ or containing a dot that the read models may hold: use MongoDB 5.0 or later`;
}
