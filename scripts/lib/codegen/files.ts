// Compares generated files with the committed ones and writes them without ever leaving half a file.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { GeneratedFile } from "./layout.js";

export interface Drift {
  path: string;
  kind: "stale" | "missing" | "extraneous";
}

/** A file's text, or undefined when there is no such file. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** What differs between the wanted files and the contents of their generated folders on disk. */
export async function findDrift(
  root: string,
  dirs: string[],
  files: GeneratedFile[],
): Promise<Drift[]> {
  const drift: Drift[] = [];
  const wanted = new Set(files.map((f) => resolve(root, f.path)));
  for (const file of files) {
    const current = await readIfExists(resolve(root, file.path));
    if (current === undefined) drift.push({ path: file.path, kind: "missing" });
    else if (current !== file.contents) drift.push({ path: file.path, kind: "stale" });
  }
  for (const dir of dirs) {
    for (const path of await listFiles(resolve(root, dir))) {
      if (!wanted.has(path)) drift.push({ path: path.slice(root.length + 1), kind: "extraneous" });
    }
  }
  return drift;
}

/** Writes via a temporary file and rename, so a reader never sees a partial file. */
export async function writeAtomic(path: string, contents: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, contents);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Brings disk in line with the drift list; unchanged files are not touched. */
export async function applyDrift(
  root: string,
  drift: Drift[],
  files: GeneratedFile[],
): Promise<void> {
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  for (const item of drift) {
    const absolute = resolve(root, item.path);
    if (item.kind === "extraneous") await rm(absolute);
    else await writeAtomic(absolute, byPath.get(item.path)!);
  }
}
