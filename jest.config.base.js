// The jest setup every package shares: TypeScript through SWC, relative ".js" imports mapped to
// their ".ts" sources, tests under test/.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = `${dirname(fileURLToPath(import.meta.url))}/`;

/** @type {import('jest').Config} */
export default {
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
  // Fail on handles (sockets, timers, child processes) a test leaves open.
  detectOpenHandles: true,
  errorOnDeprecated: true,
  // Contract and CLI tests start real processes (Prism, the generator); give them room.
  testTimeout: 30_000,
};
