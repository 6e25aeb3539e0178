/** The packages' version: written by scripts/build.mjs from the root package.json. */
export const VERSION = "0.1.0";
