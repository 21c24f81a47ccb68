import { campaignDecider, DEFAULT_QUESTIONS, OpenCampaign } from './campaign';
import { campaignPhase, CampaignState } from './campaign-state';
import { fold } from './decider';
import { Conflict, Invalid, NotFound } from './errors';
import { DEFAULT_SCALE } from './scale';
import { specFor } from './testing/given';
import { AGENCIES, duringCampaign, opened } from './testing/builders';

const given = specFor(campaignDecider, () => ({ now: duringCampaign }));
const open = (overrides: Partial<OpenCampaign['data']> = {}): OpenCampaign => ({
  type: 'OpenCampaign',
  data: {
    campaignId: 'xz-2019', year: 2019, title: '2019 评议',
    opensAt: '2019-11-01T00:00:00Z', closesAt: '2019-12-31T00:00:00Z',
    agencies: AGENCIES,
    ...overrides,
  },
});
const close = { type: 'CloseCampaign', data: { campaignId: 'xz-2019' } } as const;
const publish = { type: 'PublishResults', data: { campaignId: 'xz-2019', position: 42, figures: { rate: 82 } } } as const;
const afterClose = new Date('2020-01-05T00:00:00Z');

describe('campaign decider', () => {
  it('opens a campaign with the default questions and the five-level scale', () => {
    given([]).when(open()).then([opened()]);
  });

  it('keeps a custom scale and questions', () => {
    const scale = [
      { id: 'good', label: '好', score: 100, satisfied: true, negative: false },
      { id: 'bad', label: '差', score: 0, satisfied: false, negative: true },
    ];
    const questions = [{ id: 'speed', text: '速度' }];
    given([]).when(open({ scale, questions })).then([opened('xz-2019', { scale, questions })]);
  });

  it('refuses an id that exists', () => given([opened()]).when(open()).thenThrows(Conflict, /already exists/));
  it('refuses closesAt not after opensAt', () =>
    given([]).when(open({ closesAt: '2019-11-01T00:00:00Z' })).thenThrows(Invalid));
  it('refuses a campaign without agencies', () => given([]).when(open({ agencies: [] })).thenThrows(Invalid));
  it('refuses duplicate agency ids', () =>
    given([]).when(open({ agencies: [{ id: 'tax', name: 'a' }, { id: 'tax', name: 'b' }] })).thenThrows(Invalid));
  it('refuses a scale where nothing counts as satisfied', () =>
    given([]).when(open({ scale: DEFAULT_SCALE.map((l) => ({ ...l, satisfied: false })) })).thenThrows(Invalid));
  it('refuses a scale that is not ordered best first', () =>
    given([]).when(open({ scale: [...DEFAULT_SCALE].reverse() })).thenThrows(Invalid));

  it('closes an open campaign at the server time', () =>
    given([opened()]).when(close).then([{ type: 'CampaignClosed', data: { campaignId: 'xz-2019', closedAt: duringCampaign.toISOString() } }]));
  it('refuses to close twice', () =>
    given([opened(), { type: 'CampaignClosed', data: { campaignId: 'xz-2019', closedAt: 'x' } }]).when(close).thenThrows(Conflict));
  it('refuses to close an unknown campaign', () => given([]).when(close).thenThrows(NotFound));

  it('refuses to publish an open campaign', () => given([opened()]).when(publish).thenThrows(Conflict, /close it/));
  it('publishes a closed campaign with its figures and position', () =>
    given([opened(), { type: 'CampaignClosed', data: { campaignId: 'xz-2019', closedAt: 'x' } }])
      .when(publish, { now: afterClose })
      .then([{ type: 'ResultsPublished', data: { ...publish.data, publishedAt: afterClose.toISOString() } }]));
  it('records the closing when publishing a campaign the clock has closed', () =>
    given([opened()]).when(publish, { now: afterClose }).then([
      { type: 'CampaignClosed', data: { campaignId: 'xz-2019', closedAt: afterClose.toISOString() } },
      { type: 'ResultsPublished', data: { ...publish.data, publishedAt: afterClose.toISOString() } },
    ]));
  it('refuses to publish twice', () =>
    given([opened(), { type: 'ResultsPublished', data: { ...publish.data, publishedAt: 'x' } }]).when(publish, { now: afterClose }).thenThrows(Conflict, /already published/));

  it('derives the phase from the clock and the events', () => {
    const state = fold(campaignDecider, [opened()]) as CampaignState & { exists: true };
    expect(campaignPhase(state, new Date('2019-10-01T00:00:00Z'))).toBe('scheduled');
    expect(campaignPhase(state, duringCampaign)).toBe('open');
    expect(campaignPhase(state, new Date('2019-12-31T00:00:00Z'))).toBe('closed');
    expect(DEFAULT_QUESTIONS.map((q) => q.id)).toEqual(['efficiency', 'attitude', 'integrity', 'policy']);
  });
});
