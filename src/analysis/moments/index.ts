/**
 * The moment list (stylized facts and calibration targets) and its inputs: pure functions over
 * plain typed arrays, plus adapters from a run's Arrow tables and from real data files.
 */
export { MOMENTS, MOMENT_NAMES, computeMoments, momentDef, type MomentDef, type MomentInputs } from './defs.js';
export { previousTickGrid, returnsAt, volumeGrid, type HorizonReturns, type PriceGrid } from './grid.js';
export { acfSegments, concatSegments, hillTailIndex, median, pearson, robustAcfBand, sampleMoments } from './stats.js';
export { takerEvents, type Fills, type TakerEvents } from './takers.js';
export { momentInputsFromTables, type MomentTableOptions, type MomentTables } from './fromTables.js';
export { barsToGrid, parseBarsCsv, parseKlineJson, readBarsFile, BarsFormatError, type Bar } from './bars.js';
export { feedLambdaInputs, feedMomentInputs, parseHftFeed, readHftFeed, type Feed } from './feed.js';
export { kyleLambda, type LambdaEstimate } from './lambda.js';
export { momentsMarkdown, MOMENTS_DOC_BEGIN, MOMENTS_DOC_END } from './doc.js';
