/** The upcaster registry: steps chained from the stored version to the current one, nothing else touched. */
import { Upcasters } from './upcasting';

const event = (type: string, schemaVersion: number, data: unknown) => ({ type, data, metadata: { schemaVersion, actor: 'kept' } });

describe('Upcasters', () => {
  const registry = new Upcasters()
    .register('Rated', 1, (d: { level: string }) => ({ rating: d.level }))
    .register('Rated', 2, (d: { rating: string }) => ({ rating: d.rating, comment: null }));

  it('chains every step from the stored version to the current one', () => {
    expect(registry.currentVersion('Rated')).toBe(3);
    expect(registry.upcast(event('Rated', 1, { level: 'satisfied' }))).toEqual(event('Rated', 3, { rating: 'satisfied', comment: null }));
    expect(registry.upcast(event('Rated', 2, { rating: 'satisfied' }))).toEqual(event('Rated', 3, { rating: 'satisfied', comment: null }));
  });

  it('hands on unchanged what is current, newer, or of a type without upcasters', () => {
    for (const e of [event('Rated', 3, { rating: 'x', comment: null }), event('Rated', 4, { future: true }), event('Other', 1, { n: 1 })]) {
      expect(registry.upcast(e)).toBe(e);
    }
    expect(registry.currentVersion('Other')).toBe(1);
    expect(new Upcasters().isEmpty).toBe(true);
  });

  it('does not change the event it was given', () => {
    const stored = event('Rated', 1, { level: 'satisfied' });
    registry.upcast(stored);
    expect(stored).toEqual(event('Rated', 1, { level: 'satisfied' }));
  });

  it('refuses steps out of order', () => {
    expect(() => new Upcasters().register('Rated', 2, (d: unknown) => d)).toThrow(/expected the step from version 1/);
  });
});
