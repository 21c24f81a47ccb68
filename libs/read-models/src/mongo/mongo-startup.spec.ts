import { databaseName, MongoReadModelStore } from './mongo-read-model-store';
import { databaseIn, MongoStartupError, redact, topologyProblem, versionProblem } from './mongo-startup';

describe('databaseIn', () => {
  it('reads the database from the path of a connection string, as the driver does', () => {
    expect(databaseIn('mongodb://localhost:27017/survey?replicaSet=rs0')).toBe('survey');
    expect(databaseIn('mongodb://a:27017,b:27017,c:27017/survey')).toBe('survey');
    expect(databaseIn('mongodb+srv://app:s3cret@cluster0.example.net/read%20models?retryWrites=true')).toBe('read models');
  });

  it('finds none when the path is empty', () => {
    expect(databaseIn('mongodb://localhost:27017')).toBeUndefined();
    expect(databaseIn('mongodb://localhost:27017/?replicaSet=rs0')).toBeUndefined();
  });
});

describe('redact', () => {
  it('hides the password and keeps the rest, so an error line shows which server was meant', () => {
    expect(redact('mongodb://app:s3cret@db1:27017,db2:27017/survey?replicaSet=rs0')).toBe('mongodb://app:***@db1:27017,db2:27017/survey?replicaSet=rs0');
    expect(redact('mongodb+srv://app:p%40ss@cluster0.example.net/survey')).toBe('mongodb+srv://app:***@cluster0.example.net/survey');
    expect(redact('mongodb://x509user@db1/survey')).toBe('mongodb://x509user@db1/survey');
    expect(redact('mongodb://localhost:27017/survey')).toBe('mongodb://localhost:27017/survey');
  });
});

describe('topologyProblem', () => {
  it('accepts the primary of a replica set, and a mongos', () => {
    expect(topologyProblem({ setName: 'rs0', isWritablePrimary: true })).toBeNull();
    expect(topologyProblem({ setName: 'rs0', ismaster: true })).toBeNull(); // a legacy isMaster answer
    expect(topologyProblem({ msg: 'isdbgrid', isWritablePrimary: true })).toBeNull();
  });

  it('refuses a standalone server, saying how to make it a replica set', () => {
    expect(topologyProblem({ isWritablePrimary: true })).toMatch(/standalone .* need a replica set .*--replSet/);
  });

  it('refuses a secondary reached directly, and an arbiter', () => {
    expect(topologyProblem({ setName: 'rs0', isWritablePrimary: false, secondary: true })).toMatch(/secondary of replica set rs0 .*replicaSet=rs0/);
    expect(topologyProblem({ setName: 'rs0', arbiterOnly: true })).toMatch(/arbiter/);
  });
});

describe('versionProblem', () => {
  it('accepts MongoDB 5.0 and later, and a server that does not say', () => {
    expect(topologyProblem({ setName: 'rs0', isWritablePrimary: true, maxWireVersion: 13 })).toBeNull(); // 5.0
    expect(topologyProblem({ msg: 'isdbgrid', isWritablePrimary: true, maxWireVersion: 21 })).toBeNull(); // a 7.0 mongos
    expect(versionProblem({ setName: 'rs0' })).toBeNull();
  });

  it('refuses 4.4 with one line saying why, before the topology', () => {
    const problem = topologyProblem({ setName: 'rs0', isWritablePrimary: true, maxWireVersion: 9 });
    expect(problem).toBe('points at a MongoDB server older than 5.0 (wire version 9), which refuses field names starting with $ or containing a dot that the read models may hold: use MongoDB 5.0 or later');
    expect(new MongoStartupError(problem!).message).toMatch(/^configuration: MONGODB_URL points at a MongoDB server older than 5\.0/);
  });
});

describe('MongoStartupError', () => {
  it('is one line naming MONGODB_URL', () => {
    const error = new MongoStartupError('cannot be used (mongodb://db1/survey): getaddrinfo ENOTFOUND db1\n  at lookup');
    expect(error.message).toBe('configuration: MONGODB_URL cannot be used (mongodb://db1/survey): getaddrinfo ENOTFOUND db1 at lookup');
    expect(error.variable).toBe('MONGODB_URL');
  });
});

describe('MongoReadModelStore.connect', () => {
  it('refuses a string that is not a MongoDB connection string before any network access, without showing the password', async () => {
    const connecting = MongoReadModelStore.connect('postgres://app:s3cret@db1/survey');
    await expect(connecting).rejects.toThrow(MongoStartupError);
    await expect(connecting).rejects.toThrow(/^configuration: MONGODB_URL is not a usable connection string \(postgres:\/\/app:\*\*\*@db1\/survey\)/);
    await expect(connecting).rejects.not.toThrow(/s3cret/);
  });
});

describe('databaseName', () => {
  it('is the URL\'s database (or survey), suffixed by the namespace when there is one', () => {
    expect(databaseName('mongodb://localhost:27017/survey?replicaSet=rs0', {})).toBe('survey');
    expect(databaseName('mongodb://localhost:27017', {})).toBe('survey');
    expect(databaseName('mongodb://localhost:27017/rm', { namespace: 'e2e-1' })).toBe('rm_e2e-1');
    expect(databaseName('mongodb://localhost:27017/rm', { dbName: 'other', namespace: 'e2e-1' })).toBe('other_e2e-1');
  });
});
