/**
 * The `directory` projection: every registered enterprise with its current profile, one document
 * per credit code, for the invitations (who to invite, by district, industry, size). Each event
 * puts the whole profile, so folding an event twice writes the same document: a second runner of
 * this projection (the invite command catching it up itself) is harmless.
 */
import type { EnterpriseEvent, EnterpriseProfile } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import type { DocAccess, Projection } from '../projection';

export const DIRECTORY = 'directory';
export type DirectoryDoc = { [key: string]: unknown; creditCode: string } & EnterpriseProfile;

export const directoryProjection: Projection = {
  name: 'directory',
  collections: [DIRECTORY],

  // apply never reads a document (it puts the whole profile), so nothing needs fetching first.
  reads: () => [],

  apply(recorded: RecordedEvent, docs: DocAccess) {
    if (!isEnterpriseEvent(recorded)) return;
    const { creditCode, name, district, industry, size } = (recorded as unknown as EnterpriseEvent).data;
    const doc: DirectoryDoc = { creditCode, name, district, industry, size };
    docs.put(DIRECTORY, creditCode, doc);
  },
};

function isEnterpriseEvent(e: RecordedEvent): boolean {
  return e.type === 'EnterpriseRegistered' || e.type === 'EnterpriseProfileChanged';
}
