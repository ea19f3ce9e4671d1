// Every package's jest tests in one jest process (`pnpm test:jest`, the task `pnpm test` runs):
// each package is a project with its own jest.config.js, as `pnpm test` in its folder runs it.
// One process for all of them costs a quarter less CPU than one per package (each would start
// jest, pnpm and the transforms again; BENCHMARKS.md#test-suite).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runOptions } from "./jest.config.base.js";

const packages = readdirSync(join(import.meta.dirname, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .filter((entry) =>
    existsSync(join(import.meta.dirname, "packages", entry.name, "jest.config.js")),
  )
  .map((entry) => `<rootDir>/packages/${entry.name}`)
  .sort();

/** @type {import('jest').Config} */
export default {
  ...runOptions,
  projects: [...packages, "<rootDir>/scripts"],
};
