// The scripts package's release tier (`pnpm test:release`): the rehearsals under test/release/,
// which start registries, browsers and cache servers, and work in scratch copies of the
// repository with their own pnpm install and builds. Minutes, not seconds: never in `pnpm test`.
import fast from "./jest.config.js";

/** @type {import('jest').Config} */
export default {
  ...fast,
  testMatch: ["<rootDir>/test/release/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
};
