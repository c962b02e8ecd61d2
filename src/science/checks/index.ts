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
import { buisFailureOrdering } from './buisFailureOrdering.js';
import { cascadeMultiplier } from './cascadeMultiplier.js';
import { discreteHedgingError } from './discreteHedgingError.js';
import { gexAccounting } from './gexAccounting.js';
import { pinVsGammaSign } from './pinVsGammaSign.js';
import { sqrtImpact } from './sqrtImpact.js';
import { stylizedFacts } from './stylizedFacts.js';

export const ALL_CHECKS: readonly ScienceCheck[] = [
  feedbackVolRatio, hedgeAutocorr, hedgePingPong, blockLatencyLag, feedbackStraddle,
  discreteHedgingError, gexAccounting, pinVsGammaSign, cascadeMultiplier, sqrtImpact, buisFailureOrdering, stylizedFacts,
];

/** The checks of the science-checks branch (issue 14 deliverable 4; bench/science/runChecks.ts). */
export const MORE_CHECKS: readonly ScienceCheck[] = [discreteHedgingError, gexAccounting, pinVsGammaSign, cascadeMultiplier, sqrtImpact, buisFailureOrdering, stylizedFacts];
