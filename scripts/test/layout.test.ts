// turbo's inputs follow the imports: the `generate` tasks hash scripts/generate.ts and
// lib/codegen/ only, and scripts#test hashes the fast tests and the code they load (see
// scripts/turbo.json). These checks keep the imports within those lines, so that a cache hit can
// never skip a change that matters, and a rehearsal change never re-runs codegen or fast tests.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";

const scripts = resolve(__dirname, "..");

/** The module specifiers a TypeScript file imports or re-exports, static or dynamic. A statement
 * starts a line and reaches its specifier without a quote or semicolon on the way, so the code
 * the generator writes (import lines inside its strings) is not taken for its own imports. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const pattern =
    /^\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** The scripts files a file loads, itself included, following relative imports. */
function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(join(scripts, file)))
      if (specifier.startsWith("."))
        visit(
          relative(scripts, resolve(dirname(join(scripts, file)), specifier)).replace(
            /\.js$/,
            ".ts",
          ),
        );
  };
  visit(entry);
  return seen;
}

const tsFiles = (dir: string): string[] =>
  readdirSync(join(scripts, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(scripts, join(entry.parentPath, entry.name)));

const outside = (files: Iterable<string>, allowed: RegExp) =>
  [...files].filter((file) => !allowed.test(file));

describe("scripts/lib", () => {
  it("codegen loads nothing but codegen (the generate tasks hash only lib/codegen)", () => {
    for (const entry of ["generate.ts", ...tsFiles("lib/codegen")]) {
      expect({ entry, strays: outside(closure(entry), /^(generate\.ts|lib\/codegen\/)/) }).toEqual({
        entry,
        strays: [],
      });
      expect(importsOf(join(scripts, entry)).filter((s) => s.startsWith("@apiclients/"))).toEqual(
        [],
      );
    }
  });

  it("release loads codegen and release only", () => {
    for (const entry of tsFiles("lib/release"))
      expect({ entry, strays: outside(closure(entry), /^lib\/(codegen|release)\//) }).toEqual({
        entry,
        strays: [],
      });
  });

  it("sync loads codegen, release and sync only", () => {
    for (const entry of tsFiles("lib/sync"))
      expect({ entry, strays: outside(closure(entry), /^lib\/(codegen|release|sync)\//) }).toEqual({
        entry,
        strays: [],
      });
  });
});

describe("the fast tests", () => {
  it("load only what scripts#test lists as its inputs", () => {
    const inputs = (
      JSON.parse(readFileSync(join(scripts, "turbo.json"), "utf8")) as {
        tasks: { test: { inputs: string[] } };
      }
    ).tasks.test.inputs;
    // Each pattern below stands for one entry of scripts#test's inputs.
    const listed: Array<[string, RegExp]> = [
      ["test/**", /^test\//],
      ["lib/codegen/**", /^lib\/codegen\//],
      ["lib/release/**", /^lib\/release\//],
      ["lib/sync/**", /^lib\/sync\//],
      ...inputs
        .filter((input) => /^[\w/.-]+\.ts$/.test(input))
        .map((file): [string, RegExp] => [file, new RegExp(`^${file.replaceAll(".", "\\.")}$`)]),
    ];
    for (const [input] of listed) expect(inputs).toContain(input);
    const allowed = new RegExp(listed.map(([, pattern]) => pattern.source).join("|"));
    const fastTests = tsFiles("test").filter((file) => !file.startsWith("test/release/"));
    for (const test of fastTests)
      expect({ test, unlisted: outside(closure(test), allowed) }).toEqual({ test, unlisted: [] });
  });
});
