// The scripts package's fast tests (`pnpm test`): codegen, release helpers, process helpers.
// The rehearsals under test/release/ are the release tier: jest.release.config.js.
import base from "../jest.config.base.js";

/** @type {import('jest').Config} */
export default {
  ...base,
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/release/"],
};
