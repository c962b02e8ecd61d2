/** Calibration by the method of simulated moments (`gammaloop calibrate`). */
export { calibrate, type CalibrationRequest, type CalibrationResult } from './calibrate.js';
export { CalibrationInputError, DEFINITION_FILE, type CalibrationDefinition } from './definition.js';
export { CandidateRunError, EvaluationInterrupted, StopControl, JOURNAL_FILE, type Evaluation, type ExecutorFactory } from './evaluate.js';
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './nelderMead.js';
export { momentWeights, objective, seedStats, t975, type SeedMoments, type SeedStats, type Weighting } from './objective.js';
export { ParamError, fromUnbounded, parseParamFlag, parseParams, toUnbounded, type ParamSpec } from './params.js';
export { calibratedYaml, momentRows, writeCalibrationOutputs, type MomentRow } from './outputs.js';
