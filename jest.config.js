// The jest tests of every package under packages/ in one jest process (`pnpm test:packages`, a
// task of `pnpm test`): each package is a project configured by its own jest.config.js, as
// `pnpm test` in its folder runs it. One process costs less CPU than one per package (each starts
// pnpm and jest again; BENCHMARKS.md#test-suite). The scripts package's tests stay a task of
// their own, scripts#test: the two run side by side on two cores, and a change to scripts alone
// re-runs only its tests.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runOptions } from "./jest.config.base.js";

const dirs = readdirSync(join(import.meta.dirname, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(import.meta.dirname, "packages", entry.name))
  .filter((dir) => existsSync(join(dir, "jest.config.js")))
  .sort();

// A package's config as a project: the options of a whole run (runOptions) are this file's, and
// jest warns about them in a project.
const projects = await Promise.all(
  dirs.map(async (dir) => {
    const { default: config } = await import(join(dir, "jest.config.js"));
    const project = Object.fromEntries(
      Object.entries(config).filter(([option]) => !(option in runOptions)),
    );
    return { ...project, rootDir: dir };
  }),
);

/** @type {import('jest').Config} */
export default { ...runOptions, projects };
