import { Query } from '@nestjs/cqrs';
import type { DirectoryDoc } from '@survey/read-models';

export interface DirectoryFilter {
  district?: string[];
  industry?: string[];
  size?: string[];
}

/**
 * The registered enterprises invitations go to, ordered by credit code, optionally only those of
 * some districts, industries, sizes (the `directory` read model).
 */
export class DirectoryQuery extends Query<DirectoryDoc[]> {
  constructor(readonly filter: DirectoryFilter = {}) {
    super();
  }
}
