/**
 * Every projection the service runs, in the order the runtime starts them. Segment cells (agency
 * detail) are a projection of their own so that the reports' rebuild does none of that work; so are
 * the rectification cases' counts (reports), the cases' queue and the requests' counts (reports), which only
 * the closed loop's events move; so are the agency directory and the requests' queue.
 */
import type { Projection } from '../projection';
import { agenciesProjection } from './agencies.projection';
import { casesProjection } from './cases.projection';
import { directoryProjection } from './directory.projection';
import { progressProjection } from './progress.projection';
import { rectificationProjection } from './rectification.projection';
import { reportsProjection } from './reports.projection';
import { requestQueueProjection } from './request-queue.projection';
import { requestReportsProjection } from './request-reports.projection';
import { segmentsProjection } from './segments.projection';

export const PROJECTIONS: readonly Projection[] = [
  reportsProjection, segmentsProjection, progressProjection, directoryProjection, casesProjection, rectificationProjection, requestReportsProjection,
  agenciesProjection, requestQueueProjection,
];
