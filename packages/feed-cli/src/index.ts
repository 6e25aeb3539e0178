export { main } from './cli.js';
export { build, buildToDir, readCsv, parseCoordinate, serialise, type BuildConfig, type BuildProblem, type BuildResult } from './build.js';
export { check, type CheckReport } from './check.js';
export { countLocations, formatTable, statsRecords } from './stats.js';
export { merge } from './merge.js';
export { startServer } from './serve.js';
export { writeFilesAtomically } from './atomic.js';
