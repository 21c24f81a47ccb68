/**
 * The agency import: a CSV of agencies (agency_id, name) put into one campaign's scope. Agencies
 * belong to a campaign here (DESIGN: a campaign has "the agencies in scope"), so a row adds the
 * agency to the campaign, renames it, or changes nothing when it already has that name: the same
 * PutAgency command as `PUT /v1/campaigns/{id}/agencies/{agencyId}`, one CampaignAgencyAdded or
 * CampaignAgencyRenamed event per changed row. Only while the campaign is scheduled or open.
 */
import { agencyProblems, Conflict, NotFound } from '@survey/domain';
import { GetCampaignQuery } from '../campaigns/get-campaign.query';
import { ChangeCampaignCommand } from '../campaigns/change-campaign.command';
import { cellsOf, DuplicateKeys, got, Header, notUtf8, RowProblem } from './csv-header';
import type { ImportKind } from './csv-import';

export type AgencyField = 'agencyId' | 'name';
export type AgencyRow = { agencyId: string; name: string };
export type AgencyOutcome = 'added' | 'renamed' | 'unchanged';

export const AGENCY_HEADER_NAMES: Record<AgencyField, readonly string[]> = {
  agencyId: ['agency_id', '机构代码'],
  name: ['name', '名称'],
};

export function checkAgencyRow(cells: readonly string[], header: Header<AgencyField>): { row: AgencyRow } | { problems: RowProblem[] } {
  const c = cellsOf(cells, header);
  if ('reason' in c) return { problems: [c] };
  const problems: RowProblem[] = agencyProblems(c.agencyId, c.name).map((e) => ({
    column: header.names[e.field as AgencyField], reason: `${e.message}${got(c[e.field as AgencyField])}`,
  }));
  problems.push(...notUtf8(c, header));
  return problems.length ? { problems } : { row: c };
}

export function agencyImport(campaignId: string): ImportKind<AgencyField, AgencyRow, AgencyOutcome> {
  return {
    what: 'agencies',
    columns: AGENCY_HEADER_NAMES,
    outcomes: ['added', 'renamed', 'unchanged'],
    // Every row appends to the one campaign stream: in flight together they would only collide.
    concurrency: 1,
    async before({ queries }) {
      const campaign = await queries.execute(new GetCampaignQuery(campaignId)).catch((error: unknown) => {
        throw error instanceof NotFound ? new NotFound(`campaign ${campaignId} not found: open it first (POST /v1/campaigns)`) : error;
      });
      if (campaign.status !== 'scheduled' && campaign.status !== 'open') {
        throw new Conflict(`campaign ${campaignId} is ${campaign.status}: its agencies can change only while scheduled or open`);
      }
    },
    rows(header) {
      const duplicates = new DuplicateKeys('name');
      return (cells, line) => {
        const checked = checkAgencyRow(cells, header);
        if ('problems' in checked) return checked;
        const duplicate = duplicates.problem(checked.row.agencyId, checked.row.name, line, header.names.agencyId);
        return duplicate ? { problems: [duplicate] } : checked;
      };
    },
    async execute({ commands, meta }, row) {
      const { outcome } = await commands.execute(new ChangeCampaignCommand({ type: 'PutAgency', data: { campaignId, ...row } }, meta));
      return outcome as AgencyOutcome;
    },
  };
}
