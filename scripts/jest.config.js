// The scripts package's fast tests (`pnpm test`): codegen, release helpers, process helpers.
// The rehearsals under test/release/ are the release tier: jest.release.config.js.
import base from "../jest.config.base.js";

// Jest runs the tests as CommonJS and, on Node 20, cannot require() an ES module. openapi-
// typescript and the spec diff pull in these ESM-only packages: they, and nothing else in
// node_modules, go through the SWC transform our sources use. When jest reports "Must use import
// to load ES Module: …/node_modules/<package>/…", that package belongs on this list.
const ESM_ONLY = [
  "@apidevtools/json-schema-ref-parser",
  "chalk",
  "change-case",
  "index-to-position",
  "parse-json",
  "supports-color",
];
const esmOnly = `(${ESM_ONLY.join("|")})`;

/** @type {import('jest').Config} */
export default {
  ...base,
  transform: {
    ...base.transform,
    [`/node_modules/${esmOnly}/.+\\.m?js$`]: base.transform["^.+\\.ts$"],
  },
  // Under pnpm a package sits at node_modules/.pnpm/<id>/node_modules/<name>/.
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?${esmOnly}/)`],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/release/"],
};
