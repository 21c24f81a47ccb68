import { Query } from '@nestjs/cqrs';

export interface DirectoryAgency {
  agencyId: string;
  name: string;
  /** Registered in the directory by an admin; false for an agency only a campaign names. */
  registered: boolean;
}

/** GET /v1/agencies: the whole directory, by agency id. */
export class ListAgenciesQuery extends Query<{ agencies: DirectoryAgency[] }> {}
