/**
 * The checks of the science-checks branch (issue 14 deliverable 4), in suite order. The suite
 * runner (the `science` branch) lists these beside its own feedback checks.
 */
import type { ScienceCheck } from '../check.js';
import { buisFailureOrdering } from './buisFailureOrdering.js';
import { cascadeMultiplier } from './cascadeMultiplier.js';
import { discreteHedgingError } from './discreteHedgingError.js';
import { gexAccounting } from './gexAccounting.js';
import { pinVsGammaSign } from './pinVsGammaSign.js';
import { sqrtImpact } from './sqrtImpact.js';

export const MORE_CHECKS: readonly ScienceCheck[] = [discreteHedgingError, gexAccounting, pinVsGammaSign, cascadeMultiplier, sqrtImpact, buisFailureOrdering];
