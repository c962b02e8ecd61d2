/**
 * output/: recorder (typed column buffers) -> explicit Arrow schemas -> uncompressed Arrow IPC
 * files (`.tmp` + rename), small in-memory tables, the run manifest, and readers.
 * Imports only model/ (table specs) besides apache-arrow and node built-ins.
 */
export {
  tableSchema, arrowType, utf8Data, dictionaryValues, NO_DICTIONARIES, INT8_ENUM_MAX_VALUES,
  type Dictionaries, type SchemaMetadata, type TableSchema,
} from './arrowSchema.js';
export { buildBatch } from './batch.js';
export { ArrowFileWriter, DEFAULT_HIGH_WATER_BYTES } from './fileWriter.js';
export { Recorder, DEFAULT_BATCH_ROWS, hivePartPath, type RecorderOptions } from './recorder.js';
export { writeTable, tableSpec, type ColumnValues, type WriteTableOptions } from './writeTable.js';
export {
  writeManifest, readManifest, manifestJson, canonicalJson, sha256Hex, writeFileAtomic,
  apacheArrowVersion, runtimeVersions, MANIFEST_VERSION, MANIFEST_KEY_ORDER,
  type RunManifest, type RunStatus, type ManifestVersions,
} from './manifest.js';
export { claim, releaseIfOwned, holderAlive, thisProcess, ClaimHeldError, type Claim, type ClaimHolder } from './lock.js';
export { isCompleteArrowFile } from './arrowFileCheck.js';
export { readArrowFile, readArrowBytes, ArrowReadError, type ArrowFile, type ArrowFieldInfo, type JsValue } from './reader.js';
export { tablesMarkdown, tableMarkdown, typeText, replaceSection, currentSection, DOC_BEGIN, DOC_END } from './docs.js';
