import { Query } from '@nestjs/cqrs';
import type { FigureCheck } from './compare-figures';
import type { ReplayProgress } from '../replay/fold-to-targets';

export interface MethodologyCheck {
  /** The hash ResultsPublished recorded; null for results published before hashes were recorded. */
  recordedHash: string | null;
  /** The hash of the methodology ResultsPublished recorded, recomputed now. */
  hashOfRecorded: string | null;
  /** The hash of the methodology the current code applies to this campaign (its scale and questions). */
  currentHash: string;
  recordedFormulaVersion: number | null;
  currentFormulaVersion: number;
  matches: boolean;
  detail: string;
}

export interface VerifyReport {
  campaignId: string;
  /** True when every published figure reproduces (the methodology and the live check are reported apart). */
  ok: boolean;
  published: { publishedAt: string; position: number };
  methodology: MethodologyCheck;
  /** Every published figure against a replay of the log up to the published position, key figures first. */
  figures: FigureCheck[];
  failures: FigureCheck[];
  /** The live read models against a replay up to their own checkpoint; lag is how far they are behind the log. */
  live: { head: number; checkpoint: number; lag: number; agrees: boolean; differences: FigureCheck[] };
}

export class VerifyPublishedQuery extends Query<VerifyReport> {
  constructor(readonly campaignId: string, readonly onProgress?: ReplayProgress) {
    super();
  }
}
