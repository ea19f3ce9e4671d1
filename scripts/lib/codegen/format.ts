// Formats the generated files a person reads (README, entry point, test, configs) with the
// repository's Prettier settings, so they read like the hand-written ones and `pnpm format:check`
// passes on them. The bulky types in src/generated/ are left as openapi-typescript writes them.
//
// Prettier's standalone build with its parser plugins: the same formatter as the CLI, but plain
// CommonJS as well as ESM, so it also loads inside jest without the VM's ES module support.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Plugin } from "prettier";
import type * as Standalone from "prettier/standalone";

type Prettier = typeof Standalone;

let loaded: Promise<{ prettier: Prettier; plugins: Plugin[] }> | undefined;

function load() {
  // Module namespaces: a plugin is an object with its parsers, printers and languages.
  loaded ??= Promise.all([
    import("prettier/standalone"),
    import("prettier/plugins/estree"),
    import("prettier/plugins/babel"),
    import("prettier/plugins/typescript"),
    import("prettier/plugins/markdown"),
  ]).then(([prettier, ...plugins]) => ({ prettier, plugins: plugins as Plugin[] }));
  return loaded;
}

const settingsByRoot = new Map<string, Promise<Record<string, unknown>>>();

/** The repository's .prettierrc.json (none in a bare fixture repository: Prettier's defaults). */
function settings(root: string): Promise<Record<string, unknown>> {
  let found = settingsByRoot.get(root);
  if (!found) settingsByRoot.set(root, (found = readSettings(root)));
  return found;
}

async function readSettings(root: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(resolve(root, ".prettierrc.json"), "utf8")) as Record<
      string,
      unknown
    >;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

// What each file last formatted to, by its path and Prettier settings: a run that makes the same
// contents again (the tests regenerate the same fixture packages dozens of times in one process)
// gets Prettier's answer without asking again. Prettier's output depends on nothing else. One
// entry per path and settings, so a long-lived process keeps no more than one copy of each file.
const lastFormatted = new Map<string, { contents: string; output: Promise<string> }>();

/** Formats one file's contents as `prettier --write` would; the parser follows the file name. */
export async function formatted(root: string, path: string, contents: string): Promise<string> {
  const [{ prettier, plugins }, options] = await Promise.all([load(), settings(root)]);
  const key = JSON.stringify([path, options]);
  const last = lastFormatted.get(key);
  if (last?.contents === contents) return last.output;
  const output = prettier.format(contents, { ...options, filepath: path, plugins });
  lastFormatted.set(key, { contents, output });
  // A failed format is not kept: the next call asks Prettier again and fails the same way.
  output.catch(() => {
    if (lastFormatted.get(key)?.output === output) lastFormatted.delete(key);
  });
  return output;
}
