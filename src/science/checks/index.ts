/**
 * Every `gammaloop science` check, in run order (a static list: add a check by adding it here).
 * The feedback checks share one run set (checks/feedbackPipeline.ts), run once per suite.
 */
import type { ScienceCheck } from '../check.js';
import { feedbackVolRatio } from './feedbackVolRatio.js';
import { hedgeAutocorr } from './hedgeAutocorr.js';
import { hedgePingPong } from './hedgePingPong.js';
import { blockLatencyLag } from './blockLatencyLag.js';
import { feedbackStraddle } from './feedbackStraddle.js';

export const ALL_CHECKS: readonly ScienceCheck[] = [feedbackVolRatio, hedgeAutocorr, hedgePingPong, blockLatencyLag, feedbackStraddle];
