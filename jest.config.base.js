// The jest setup every package shares: TypeScript through SWC, relative ".js" imports mapped to
// their ".ts" sources, tests under test/.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = `${dirname(fileURLToPath(import.meta.url))}/`;

/** Options jest reads from the top-level config only: a package's own run takes them from its
 * config (this file), the root run of every package (jest.config.js) from its own. */
export const runOptions = {
  // One process, tests in band, as detectOpenHandles had it before it was dropped (it cost 20% of
  // the CPU of the tests, BENCHMARKS.md#test-suite): a test that leaves a socket, timer or child
  // process open keeps jest from exiting, which fails the run instead of passing it with a
  // warning as a worker force-exited would. `jest --detectOpenHandles` then shows where it is.
  maxWorkers: 1,
  // Contract and CLI tests start real processes (Prism, the generator); give them room.
  testTimeout: 30_000,
};

/** @type {import('jest').Config} */
export default {
  ...runOptions,
  errorOnDeprecated: true,
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "commonjs" },
        sourceMaps: "inline",
      },
    ],
  },
  moduleNameMapper: {
    // Workspace packages are tested from their sources, as the root tsconfig.json checks them:
    // `pnpm test` needs no build. Built output is what `pnpm test:release` checks.
    "^@apiclients/([a-z0-9-]+)$": `${root}packages/$1/src/index.ts`,
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
};
