/**
 * The `directory` projection: every registered enterprise with its current profile, one document
 * per credit code, for the invitations (who to invite, by district, industry, size). Each event
 * puts the whole profile, so folding an event twice writes the same document: a second runner of
 * this projection (the invite command catching it up itself) is harmless.
 */
import type { EnterpriseEvent, EnterpriseProfile } from '@survey/domain';
import { defineProjection } from '../projection';
import type { EventHandler } from '../projection';

export const DIRECTORY = 'directory';
export type DirectoryDoc = { [key: string]: unknown; creditCode: string } & EnterpriseProfile;

const profile: EventHandler<EnterpriseEvent> = {
  // apply never reads a document (it puts the whole profile), so nothing needs fetching first.
  reads: () => [],
  apply(event, docs) {
    const { creditCode, name, district, industry, size } = event.data;
    const doc: DirectoryDoc = { creditCode, name, district, industry, size };
    docs.put(DIRECTORY, creditCode, doc);
  },
};

export const directoryProjection = defineProjection({
  name: 'directory',
  collections: [DIRECTORY],
  on: { EnterpriseRegistered: profile, EnterpriseProfileChanged: profile },
});
