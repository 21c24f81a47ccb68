/** The `segments` projection as a pure fold: cells per agency and campaign-wide, respondents counted once per cell. */
import type { SurveyEvent } from '@survey/domain';
import { MemoryDocs } from '../memory-docs';
import { ALL_AGENCIES, SEGMENT_COLLECTIONS, SegmentStatsDoc, segmentStatsId, segmentsProjection } from './segments.projection';
import { acme, globex, invalidated, opened, revised, submitted, withdrawn } from '@survey/domain/testing';
import { recorded } from '@survey/event-store/testing';

const project = (events: SurveyEvent[]) => new MemoryDocs().fold([segmentsProjection], recorded(events));
const cells = (docs: MemoryDocs, agencyId: string) => docs.get<SegmentStatsDoc>(SEGMENT_COLLECTIONS.stats, segmentStatsId('xz-2019', agencyId))?.cells;

describe('segments projection', () => {
  it('counts each evaluation in its agency’s cells and each enterprise once per campaign-wide cell', () => {
    const docs = project([
      opened(),
      submitted(acme, 'tax', 'satisfied'),
      submitted(acme, 'police', 'dissatisfied'),
      submitted(globex, 'tax', 'very_satisfied', { segment: { district: '贾汪区', size: 'large' } }),
    ]);
    expect(cells(docs, 'tax')?.district).toEqual({
      鼓楼区: { respondents: 1, levels: { satisfied: 1 } },
      贾汪区: { respondents: 1, levels: { very_satisfied: 1 } },
    });
    expect(cells(docs, ALL_AGENCIES)?.district).toEqual({
      鼓楼区: { respondents: 1, levels: { satisfied: 1, dissatisfied: 1 } }, // acme once, two evaluations
      贾汪区: { respondents: 1, levels: { very_satisfied: 1 } },
    });
    expect(cells(docs, ALL_AGENCIES)?.size).toEqual({
      small: { respondents: 1, levels: { satisfied: 1, dissatisfied: 1 } },
      large: { respondents: 1, levels: { very_satisfied: 1 } },
    });
  });

  it('moves a revised evaluation to its new level and segment (the profile copied at revision)', () => {
    const docs = project([
      opened(),
      submitted(acme, 'tax', 'satisfied'),
      submitted(acme, 'police', 'satisfied'),
      revised(acme, 'tax', 'very_dissatisfied', { segment: { district: '云龙区' } }),
    ]);
    expect(cells(docs, 'tax')?.district).toEqual({
      鼓楼区: { respondents: 0, levels: { satisfied: 0 } },
      云龙区: { respondents: 1, levels: { very_dissatisfied: 1 } },
    });
    // acme still rates police in 鼓楼区, so it stays a respondent there, and is one in 云龙区 too.
    expect(cells(docs, ALL_AGENCIES)?.district).toEqual({
      鼓楼区: { respondents: 1, levels: { satisfied: 1 } },
      云龙区: { respondents: 1, levels: { very_dissatisfied: 1 } },
    });
  });

  it('drops withdrawn and invalidated evaluations, and the respondent with its last one', () => {
    const docs = project([
      opened(),
      submitted(acme, 'tax', 'satisfied'),
      submitted(acme, 'police', 'satisfied'),
      withdrawn(acme, 'tax'),
      withdrawn(acme, 'tax'), // nothing left to withdraw: no change
    ]);
    expect(cells(docs, ALL_AGENCIES)?.industry).toEqual({ C: { respondents: 1, levels: { satisfied: 1 } } });
    const after = project([opened(), submitted(acme, 'tax', 'satisfied'), submitted(acme, 'police', 'satisfied'), withdrawn(acme, 'tax'), invalidated(acme, 'police')]);
    expect(cells(after, ALL_AGENCIES)?.industry).toEqual({ C: { respondents: 0, levels: { satisfied: 0 } } });
    expect(cells(after, 'police')?.size).toEqual({ small: { respondents: 0, levels: { satisfied: 0 } } });
  });

  it('reads exactly the documents it writes', () => {
    const [event] = recorded([submitted(acme, 'tax', 'satisfied')]);
    expect(segmentsProjection.reads(event)).toEqual([
      ['segment-ballots', `xz-2019/${acme}`], ['segment-stats', 'xz-2019/tax'], ['segment-stats', 'xz-2019/*'],
    ]);
    expect(segmentsProjection.reads(recorded([opened()])[0])).toEqual([]);
  });
});
