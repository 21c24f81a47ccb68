import { GenerationRetired, isGenerationRetired, stored } from './generations';
import { toBulkWrites } from './mongo/mongo-operations';
import { ServedGenerations, servedSnapshot } from './mongo/served-generations';

describe('generation names', () => {
  it('keeps generation 0 under the plain names (read models from before generations) and suffixes the others', () => {
    expect(stored('campaign-stats', 0)).toBe('campaign-stats');
    expect(stored('campaign-stats', 3)).toBe('campaign-stats@3');
    expect(stored('reports', 1)).toBe('reports@1');
  });
  it('refuses names that could collide with a suffixed one, and impossible generations', () => {
    expect(() => stored('a@1', 0)).toThrow('may not contain @');
    expect(() => stored('a', -1)).toThrow(RangeError);
    expect(() => stored('a', 1.5)).toThrow(RangeError);
  });
  it('tells a retired generation\'s refusal from other errors', () => {
    expect(isGenerationRetired(new GenerationRetired('x'))).toBe(true);
    expect(isGenerationRetired(new Error('x'))).toBe(false);
  });
  it('stores a MongoDB generation in its own collections', () => {
    expect([...toBulkWrites([{ collection: 'ballots', id: 'x', doc: null }], 2).keys()]).toEqual(['rm_ballots@2']);
  });
});

describe('ServedGenerations (MongoDB readers)', () => {
  const docs = [{ _id: 'reports', active: 2, building: null, collections: ['campaigns', 'ballots'] }];

  it('maps each collection to its projection\'s active generation, 0 for any never rebuilt', async () => {
    const served = new ServedGenerations(async () => docs);
    expect(await served.ofCollection('ballots')).toBe(2);
    expect(await served.ofProjection('reports')).toBe(2);
    expect(await served.ofCollection('trends')).toBe(0);
    expect(await served.ofProjection('trends')).toBe(0);
    expect(servedSnapshot([]).collections.size).toBe(0);
  });

  it('loads once per ttl, one load for a burst of reads, and again once expired or invalidated', async () => {
    let now = 0;
    let loads = 0;
    let active = 1;
    const served = new ServedGenerations(async () => (loads++, [{ ...docs[0], active }]), 1000, () => now);
    expect(await Promise.all([served.ofCollection('ballots'), served.ofCollection('campaigns'), served.ofProjection('reports')])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
    active = 2;
    now = 999;
    expect(await served.ofCollection('ballots')).toBe(1); // still within the ttl: the old generation, which is not dropped yet
    now = 1000;
    expect(await served.ofCollection('ballots')).toBe(2);
    expect(loads).toBe(2);
    active = 3;
    served.invalidate();
    expect(await served.ofProjection('reports')).toBe(3);
    expect(served.dropGraceMs).toBeGreaterThan(served.ttlMs);
  });
});
