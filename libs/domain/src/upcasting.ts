/**
 * Schema evolution: every event's metadata carries the `schemaVersion` of its data's shape. When a
 * shape changes, its type's version goes up and an upcaster from the old version is registered
 * here; reads then hand every event to the code in its current shape (the store applies the
 * registry; see libs/event-store/src/upcasting-event-store.ts), while the log keeps the bytes as
 * written, which is what the hash chain covers. Writers stamp `currentVersion(type)`.
 *
 * Upcasters are pure and total: `(data of version v) → data of version v + 1`, chained until the
 * current version. An event of a version above the current one (written by a newer release) is
 * handed on unchanged.
 */
export type Upcaster = (data: never) => unknown;

export class Upcasters {
  private readonly byType = new Map<string, Upcaster[]>();

  /** Registers the step from `fromVersion` to `fromVersion + 1`; steps must be added in order from 1. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const steps = this.byType.get(type) ?? [];
    if (fromVersion !== steps.length + 1) {
      throw new Error(`upcaster for ${type}: expected the step from version ${steps.length + 1}, got one from ${fromVersion}`);
    }
    steps.push(upcast);
    this.byType.set(type, steps);
    return this;
  }

  get isEmpty(): boolean {
    return this.byType.size === 0;
  }

  currentVersion(type: string): number {
    return (this.byType.get(type)?.length ?? 0) + 1;
  }

  /** The event in its type's current shape; the same object when it already is. */
  upcast<E extends { type: string; data: unknown; metadata: { schemaVersion: number } }>(event: E): E {
    const steps = this.byType.get(event.type);
    const from = event.metadata.schemaVersion;
    if (!steps || from > steps.length) return event;
    let data = event.data;
    for (let v = from; v <= steps.length; v++) data = steps[v - 1](data as never);
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: steps.length + 1 } };
  }
}

/**
 * The service's upcasters. Every event type is at version 1 so far, so there are none; the first
 * change of a shape adds its line here, e.g.
 *   .register('EvaluationSubmitted', 1, (v1: EvaluationSubmittedV1) => ({ ...v2 shape }))
 */
export const eventUpcasters = new Upcasters();
