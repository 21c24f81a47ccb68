/**
 * Whether the directory knows an agency, for a dispatch (and a filing that names one): first its own
 * stream `agency-{agencyId}` (so an agency an admin has just registered is known at once), else the
 * `agencies` read model, which also holds every agency of any campaign. The answer is the domain's
 * AgencyState, which the request decider checks.
 */
import { Inject, Injectable } from '@nestjs/common';
import { agencyDecider, AgencyState, streams } from '@survey/domain';
import { AGENCIES, AgencyDoc, DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { Aggregates } from '../runtime/aggregates';

@Injectable()
export class AgencyDirectory {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
  ) {}

  async lookup(agencyId: string): Promise<AgencyState> {
    const { state } = await this.aggregates.load(streams.agency(agencyId), agencyDecider);
    if (state.exists) return state;
    const doc = await this.readModels.get<AgencyDoc>(AGENCIES, agencyId);
    return doc ? { exists: true, agencyId: doc.agencyId, name: doc.name } : { exists: false };
  }

  /** agency id → name, for the ids asked that the directory knows (a Map: ids are user text). */
  async names(agencyIds: string[]): Promise<Map<string, string>> {
    if (agencyIds.length === 0) return new Map();
    const docs = await this.readModels.getMany<AgencyDoc>(AGENCIES, [...new Set(agencyIds)]);
    return new Map([...docs].map(([id, doc]) => [id, doc.name]));
  }
}
