// What a provider package holds, and who keeps each part. The generator owns what it writes and
// rewrites it on every run (`generate --check` fails when any of it differs); people keep the
// rest, which the generator never writes.
//
//   generated  package.json's owned fields (package-json.ts), README.md, tsconfig.json,
//              jest.config.js, turbo.json, .gitattributes, src/index.ts, src/generated/**,
//              test/generated/**
//   hand-kept  README.extra.md (included in README.md), src/problem.ts (the provider's own error
//              bodies, for unwrap), tests in test/ outside test/generated/, CHANGELOG.md
//              (changesets), api-report.md (`pnpm api:update`), package.json's version, any
//              field the generator does not own, and publishConfig members set by hand

/** A file the generator writes. */
export interface GeneratedFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  contents: string;
}

/** Folders the generator owns whole: any other file in them is drift. */
export const GENERATED_DIR = "src/generated";
export const GENERATED_TEST_DIR = "test/generated";

/** The files outside those folders that the generator writes whole. */
export const OWNED_FILES = [
  "package.json",
  "README.md",
  "tsconfig.json",
  "jest.config.js",
  "turbo.json",
  ".gitattributes",
  "src/index.ts",
] as const;

/** Hand-kept files the generator reads: what it writes depends on them. */
export const README_EXTRA = "README.extra.md";
export const PROBLEM_FILE = "src/problem.ts";
