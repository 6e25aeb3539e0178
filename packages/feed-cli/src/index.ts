export { main } from './cli.js';
export { build, buildToDir, byId, featureLines, parseCoordinate, serialise, type BuildInput, type BuildProblem, type BuildResult, type BuildToDirResult } from './build.js';
export { checkConfig, readConfig, ConfigError, COLUMN_KEYS, type BuildConfig, type ColumnKey } from './config.js';
export { readCsv, decode, detectDelimiter, cellsOf, CsvError, type CsvTable, type Row } from './csv.js';
export { check, type CheckReport, type CheckProblem } from './check.js';
export { countLocations, formatTable, statsRecords, type Counts } from './stats.js';
export { merge, type MergeInput, type MergeResult } from './merge.js';
export { startServer } from './serve.js';
export { writeFilesAtomically, type WriteHooks } from './atomic.js';
