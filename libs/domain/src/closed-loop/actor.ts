/**
 * Who takes a step in the closed loop (cases, requests). The application builds it from the JWT:
 * an agency's staff carry the `agencyId` claim, an enterprise's `sub` is its credit code, and the
 * reactor and the scheduler act as `system`. Events do not carry it: it goes into their metadata.
 */
export type LoopActor =
  | { role: 'centre'; sub: string }
  | { role: 'agency'; sub: string; agencyId: string }
  | { role: 'enterprise'; sub: string }
  | { role: 'system'; sub: string }
  | { role: 'analyst' | 'auditor' | 'admin'; sub: string };

export type LoopRole = LoopActor['role'];
