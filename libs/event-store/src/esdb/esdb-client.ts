/**
 * What the adapter uses of @eventstore/db-client's EventStoreDBClient, as an interface the real
 * client satisfies, so that a scripted stand-in (../testing/scripted-esdb.ts) can answer the same
 * calls where no server runs.
 */
import type {
  AllStreamResolvedEvent, AppendResult, AppendToStreamOptions, EventData, ReadAllOptions, ReadStreamOptions, ResolvedEvent,
  StreamMetadata, SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { CatchUpStream } from './esdb-subscription';

export interface EsdbClient {
  appendToStream(streamName: string, events: EventData | EventData[], options?: AppendToStreamOptions): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent | ResolvedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): CatchUpStream;
  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<unknown>;
  dispose(): Promise<void>;
}
