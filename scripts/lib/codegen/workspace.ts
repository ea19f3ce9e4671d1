// The manifest against the packages already in packages/. Before anything is written: an entry
// must not take over a hand-written package's folder (packages/core) or an npm name another
// folder has. And the orphans: a folder with src/generated/ (only the generator writes there)
// that no entry names any more. `generate` never deletes one (it may hold a maintainer's tests,
// a changelog, a published history); it says so, and `generate --check` fails until someone
// deletes the folder or restores the entry.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { GENERATED_DIR } from "./layout.js";
import { entryError, type ProviderEntry } from "./manifest.js";
import { providerNames } from "./names.js";

interface WorkspacePackage {
  dir: string;
  name?: string;
  /** Whether the folder holds generated code (src/generated/). */
  generated: boolean;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
}

async function workspacePackages(root: string): Promise<WorkspacePackage[]> {
  let folders: string[];
  try {
    folders = (await readdir(join(root, "packages"), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return Promise.all(
    folders.map(async (folder) => {
      const dir = `packages/${folder}`;
      const generated = await exists(join(root, dir, GENERATED_DIR));
      try {
        const json = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8")) as {
          name?: unknown;
        };
        return { dir, generated, ...(typeof json.name === "string" ? { name: json.name } : {}) };
      } catch {
        return { dir, generated }; // no package.json (or a broken one): claims no name
      }
    }),
  );
}

export async function checkPackageFolders(root: string, manifest: ProviderEntry[]): Promise<void> {
  const packages = await workspacePackages(root);
  for (const entry of manifest) {
    const { packageName } = providerNames(entry.name);
    const own = packages.find((p) => p.dir === entry.package);
    if (own?.name !== undefined && !own.generated)
      throw entryError(
        entry,
        "package",
        `${entry.package} holds ${own.name}, a hand-written package that scripts/generate.ts did not make: choose another folder`,
      );
    const other = packages.find((p) => p.dir !== entry.package && p.name === packageName);
    if (other)
      throw entryError(
        entry,
        "name",
        `${packageName} is already the name of ${other.dir}${other.generated ? " (a generated package no other entry names: delete it if the provider moved)" : ""}`,
      );
  }
}

/** Generated provider packages that no manifest entry names, as "packages/<folder>". */
export async function findOrphans(root: string, manifest: ProviderEntry[]): Promise<string[]> {
  const listed = new Set(manifest.map((provider) => provider.package));
  return (await workspacePackages(root))
    .filter((p) => p.generated && !listed.has(p.dir))
    .map((p) => p.dir)
    .sort();
}
