/** defineProjection: each event goes to the entry of its `type`, and a type without one reads and changes nothing. */
import { MemoryDocs } from './memory-docs';
import { defineProjection } from './projection';
import type { DocRef } from './projection';
import { acme, closed, opened, registered, submitted } from '@survey/domain/testing';
import { recorded } from '@survey/event-store/testing';

describe('defineProjection', () => {
  const seen: string[] = [];
  const counter = defineProjection({
    name: 'counter',
    collections: ['counts'],
    on: {
      CampaignOpened: {
        reads: (e) => [['counts', e.data.campaignId]],
        apply(e, docs) {
          seen.push(`opened ${e.data.year}`);
          docs.put('counts', e.data.campaignId, { ratings: 0 });
        },
      },
      EvaluationSubmitted: {
        reads: (e): DocRef[] => [['counts', e.data.campaignId]],
        apply(e, docs) {
          seen.push(`submitted ${e.data.rating} at ${e.position}`);
          const doc = docs.get<{ ratings: number }>('counts', e.data.campaignId)!;
          doc.ratings += 1;
          docs.put('counts', e.data.campaignId, doc);
        },
      },
    },
  });
  const log = recorded([opened('xz-2019', { year: 2019 }), registered(acme), submitted(acme, 'tax', 'satisfied'), closed()]);

  beforeEach(() => (seen.length = 0));

  it("hands each event to its type's entry, as recorded (position included)", () => {
    const docs = new MemoryDocs().fold([counter], log);
    expect(seen).toEqual(['opened 2019', `submitted satisfied at ${log[2].position}`]);
    expect(docs.list('counts')).toEqual([{ ratings: 1 }]);
  });

  it("names what an event reads through its type's entry, and nothing for a type it does not handle", () => {
    expect(counter.reads(log[0])).toEqual([['counts', 'xz-2019']]);
    expect(counter.reads(log[2])).toEqual([['counts', 'xz-2019']]);
    expect(counter.reads(log[1])).toEqual([]);
    expect(counter.reads({ ...log[3], type: 'SomethingNew' })).toEqual([]);
  });

  it('ignores a type it has no entry for, even one named like an Object.prototype member', () => {
    const docs = new MemoryDocs();
    for (const type of ['CampaignClosed', 'constructor', 'toString', '__proto__']) counter.apply({ ...log[3], type }, docs);
    expect(seen).toEqual([]);
    expect(docs.list('counts')).toEqual([]);
  });
});
