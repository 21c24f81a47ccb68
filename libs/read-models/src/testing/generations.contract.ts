/**
 * The generations part of the ReadModelStore contract (every adapter runs it beside
 * ./read-model-store.contract.ts): a building generation is invisible to readers, the switch is
 * refused while it is behind, atomic when it happens, fences the old generation, and the old one
 * can then be dropped.
 */
import { randomUUID } from 'node:crypto';
import { GenerationBusy, GenerationRetired } from '../generations';
import type { Checkpoint, ReadModelStore } from '../read-model-store.port';
import type { ReadModelStoreFactory } from './read-model-store.contract';
import { pause } from '@survey/domain/testing';

export function generationsContract(name: string, make: ReadModelStoreFactory): void {
  describe(`ReadModelStore generations: ${name}`, () => {
    let store: ReadModelStore;
    let cleanup: () => Promise<void>;
    const unique = (kind: string) => `${kind}-${randomUUID()}`;
    const at = (position: number): Checkpoint => ({ position, recordedAt: `2019-11-15T08:00:${String(position % 60).padStart(2, '0')}.000Z` });

    beforeEach(async () => ({ store, cleanup } = await make()));
    afterEach(() => cleanup());

    it('serves generation 0 to a projection never rebuilt', async () => {
      const p = unique('reports');
      expect(await store.generations(p)).toEqual({ active: 0, building: null });
      expect(await store.servedCheckpoint(p)).toEqual({ generation: 0, position: 0, recordedAt: null });
      await store.commit(p, [], at(3), 0);
      expect(await store.servedCheckpoint(p)).toEqual({ generation: 0, ...at(3) });
    });

    it('begins one building generation at a time, which a second begin resumes', async () => {
      const p = unique('reports');
      expect(await store.beginGeneration(p)).toBe(1);
      expect(await store.beginGeneration(p)).toBe(1);
      expect(await store.generations(p)).toEqual({ active: 0, building: 1 });
    });

    it('lets one builder at a time claim the building generation: renewed by its builder, freed by release or expiry', async () => {
      const p = unique('reports');
      const a = { builder: 'host-a:1', leaseMs: 60_000 };
      const b = { builder: 'host-b:2', leaseMs: 60_000 };
      const g = await store.beginGeneration(p, a);
      await expect(store.beginGeneration(p, b)).rejects.toThrow(GenerationBusy);
      await expect(store.beginGeneration(p, b)).rejects.toThrow(`generation ${g} of projection ${p} is being built by host-a:1`);
      expect(await store.beginGeneration(p, a)).toBe(g); // renewal
      await store.releaseGeneration(p, b.builder); // not b's to release: nothing changes
      await expect(store.beginGeneration(p, b)).rejects.toThrow(GenerationBusy);
      await store.releaseGeneration(p, a.builder);
      expect(await store.beginGeneration(p, { ...b, leaseMs: 1 })).toBe(g); // b resumes a's generation
      await pause(20);
      expect(await store.beginGeneration(p, a)).toBe(g); // b's claim has lapsed
    });

    it('keeps the building generation from readers, switches them over at once, and fences the old one', async () => {
      const [p, c, theirs] = [unique('reports'), unique('campaign-stats'), unique('trends')];
      await store.commit(p, [{ collection: c, id: 'xz-2019', doc: { respondents: 1 } }, { collection: c, id: 'xz-2018', doc: { respondents: 7 } }], at(5), 0);
      await store.commit(unique('trends'), [{ collection: theirs, id: 'xz-2019', doc: { n: 1 } }], at(5));
      const g = await store.beginGeneration(p);
      await store.commit(p, [{ collection: c, id: 'xz-2019', doc: { respondents: 2 } }], at(4), g);

      expect(await store.get(c, 'xz-2019')).toEqual({ respondents: 1 });
      expect(await store.list(c)).toEqual([{ respondents: 7 }, { respondents: 1 }]);
      expect(await store.checkpoint(p)).toEqual(at(5));
      expect(await store.getMany(c, ['xz-2019', 'xz-2018'], g)).toEqual(new Map([['xz-2019', { respondents: 2 }]]));
      expect(await store.checkpoint(p, g)).toEqual(at(4));

      expect(await store.switchGeneration(p, g, [c])).toBe(false); // behind the active one: readers would go back in time
      expect(await store.servedCheckpoint(p)).toEqual({ generation: 0, ...at(5) });
      await store.commit(p, [], at(5), g);
      expect(await store.switchGeneration(p, g, [c])).toBe(true);

      expect(await store.generations(p)).toEqual({ active: g, building: null });
      expect(await store.servedCheckpoint(p)).toEqual({ generation: g, ...at(5) });
      expect(await eventually(() => store.get(c, 'xz-2019'))).toEqual({ respondents: 2 });
      expect(await store.list(c)).toEqual([{ respondents: 2 }]);
      expect(await store.getMany(c, ['xz-2019', 'xz-2018'])).toEqual(new Map([['xz-2019', { respondents: 2 }]]));
      expect(await store.list(theirs)).toEqual([{ n: 1 }]); // another projection's collections are not touched

      const late = store.commit(p, [{ collection: c, id: 'xz-2019', doc: { respondents: 99 } }], at(6), 0);
      await expect(late).rejects.toThrow(GenerationRetired);
      await expect(late).rejects.toThrow(`generation 0 of projection ${p} is retired`);
      expect(await store.getMany(c, ['xz-2019'], 0)).toEqual(new Map([['xz-2019', { respondents: 1 }]]));
      await store.commit(p, [{ collection: c, id: 'xz-2020', doc: { respondents: 3 } }], at(6), g);
      expect(await store.list(c)).toEqual([{ respondents: 2 }, { respondents: 3 }]);
    });

    it('drops a retired generation and no other, and the next rebuild takes a new number', async () => {
      const [p, c] = [unique('reports'), unique('campaigns')];
      await store.commit(p, [{ collection: c, id: 'a', doc: { v: 0 } }, { collection: c, id: 'b', doc: { v: 0 } }], at(2), 0);
      const g = await store.beginGeneration(p);
      await store.commit(p, [{ collection: c, id: 'a', doc: { v: 1 } }], at(2), g);
      await expect(store.dropGeneration(p, g, [c])).rejects.toThrow('in use');
      expect(await store.switchGeneration(p, g, [c])).toBe(true);
      await expect(store.dropGeneration(p, g, [c])).rejects.toThrow('in use');
      await store.dropGeneration(p, 0, [c]);
      expect(await store.getMany(c, ['a', 'b'], 0)).toEqual(new Map());
      expect(await store.checkpoint(p, 0)).toEqual({ position: 0, recordedAt: null });
      expect(await store.list(c)).toEqual([{ v: 1 }]);
      expect(await store.beginGeneration(p)).toBe(g + 1);
    });
  });
}

/** Adapters that cache which generation is served (MongoDB) show a switch within a second. */
async function eventually<T>(read: () => Promise<T>, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (Date.now() < deadline && JSON.stringify(value) === JSON.stringify({ respondents: 1 })) {
    await pause(100);
    value = await read();
  }
  return value;
}
