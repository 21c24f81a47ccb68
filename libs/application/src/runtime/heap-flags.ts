/**
 * V8's young generation for this project's processes, one list per kind, in one place: package.json's
 * scripts, docker/ and the bench start the apps with the same flags (heap-flags.spec.ts checks them).
 *
 * Why: what a batch of events allocates (their JSON, the parsed events, the states they fold into)
 * lives longer than V8's default 16 MB semi-space lasts, so each scavenge copies most of it into the
 * old generation, for a mark-compact to free later; and on the heap a long catch-up leaves, each
 * scavenge took ~8 ms (bench/README.md, 2026-12-07 late evening).
 */

/** The API and apps/projector: headline report p99 8.2-8.6 ms → 0.9-4.3 ms after the bench's 1M-event catch-up, which ran in 110 s instead of 143 s. */
export const SERVER_HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--min-semi-space-size=64'];

/** The CLI (the demo's seeding, rebuilds, verification): the demo's scavenges 22 s → 6.6 s of its main thread. */
export const BATCH_HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=256', '--min-semi-space-size=64'];
