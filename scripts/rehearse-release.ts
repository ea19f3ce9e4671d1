// `pnpm release:rehearse`: the whole release path, end to end, on a real npm registry.
//
//   rehearse-release [--json] [--keep]
//
// 1. Starts Verdaccio on loopback (empty, no uplinks) and takes a copy of this repository.
// 2. In the copy: `pnpm version-packages`, then `pnpm release` (build, publint/attw,
//    `changeset publish`) to that registry.
// 3. Fresh consumer projects outside the repository install every provider package from it with
//    npm and use them against Prism mocks of the specs: Node ESM in strict TypeScript (NodeNext),
//    Node CommonJS, and an esbuild browser bundle in headless Chromium calling cross-origin
//    (CORS). For each provider of the manifest, each makes the README's first call and handles a
//    failing one as a ProblemError. A React app in the same browser uses the clients through
//    openapi-react-query and swr-openapi, judged on what went over the network.
// 4. A spec change, on the one provider there is a fixture for: Ampersand's full public API
//    replaces specs/ampersand.yaml; `pnpm generate`,
//    `pnpm spec:changeset`, `pnpm version-packages`, `pnpm release` again. A consumer file that
//    calls GET /projects must fail to compile against the first version and compile and run
//    against the second; the React app runs again on the second, where swr-openapi has a GET.
//
// Prints a report (JSON with --json) and exits non-zero on any failed check. Everything it
// starts is stopped and everything it makes is removed (--keep leaves the directories).
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { binPath, repoRoot, startPrism, type MockServer } from "@apiclients/testing";
import { ensureChromium, runPage, serveFiles } from "./lib/rehearsal/browser.js";
import {
  changelogHead,
  createConsumer,
  installedVersion,
  npmInstallArgs,
  writeProviders,
  type Consumer,
  type ConsumerKind,
} from "./lib/rehearsal/consumers.js";
import {
  describeRunning,
  exec,
  mustExec,
  stopRunning,
  tail,
  transcript,
} from "./lib/rehearsal/exec.js";
import { describeProviders, type ProviderDescription } from "./lib/codegen/describe.js";
import {
  CALL_HEADER,
  expectedFailures,
  expectedHooks,
  planReactCalls,
  type ReactPlan,
} from "./lib/rehearsal/consumer-providers.js";
import {
  judgeHookOutcomes,
  judgeOutcomes,
  type CallOutcome,
  type Exchange,
  type HookReport,
} from "./lib/rehearsal/outcomes.js";
import { packument, startRegistry, type Registry } from "./lib/rehearsal/registry.js";
import { AMPERSAND_FULL_SPEC } from "./lib/rehearsal/fixtures.js";
import { scratchCopy, type Scratch } from "./lib/rehearsal/scratch.js";

const FULL_SPEC = AMPERSAND_FULL_SPEC;
const EXAMPLES = join(repoRoot, "examples/consumers");
const KINDS: ConsumerKind[] = ["node-esm-ts", "node-cjs", "browser", "browser-react"];

export interface PublishedState {
  /** Each publishable package's version in the copy after `pnpm version-packages`. */
  versions: Record<string, string>;
  /** What the registry holds for each afterwards. */
  registry: Record<string, { versions: string[]; latest?: string } | undefined>;
}

export interface ConsumerReport {
  installed: Record<string, string>;
  /** Each installed package's newest CHANGELOG.md heading: the changelog ships with it. */
  changelogs: Record<string, string | undefined>;
  outcomes?: CallOutcome[];
  /** The React project: each hook call's outcome, and the libraries left out for a provider. */
  hooks?: HookReport;
}

export interface Report {
  ok: boolean;
  failures: string[];
  timingsMs: Record<string, number>;
  chromium?: { install: "present" | "installed"; version?: string };
  /** Why provenance is off for the rehearsal (it needs a CI's OIDC identity). */
  provenance: string;
  first?: PublishedState & {
    /** Each published package's dependencies, as the registry serves them: workspace: and
     * catalog: ranges replaced. */
    dependencies: Record<string, Record<string, string>>;
  };
  /** The providers the consumers covered, from the manifest, in its order. */
  providers: string[];
  consumers: Partial<Record<ConsumerKind, ConsumerReport>>;
  specChange?: PublishedState & {
    changeset: string;
    /** `tsc` on the GET /projects file, against the first version (must fail). */
    beforeCompiles: boolean;
    beforeDiagnostics: string;
    /** The same file against the second version (must pass), and what it printed when run. */
    afterCompiles: boolean;
    afterDiagnostics: string;
    projects?: string[];
    /** The React project again, on the new version against the full API's mock. */
    hooks?: HookReport;
  };
  tokenScan: { bytes: number; leaks: string[] };
}

const cleanups: Array<() => unknown> = [];
const progress = (line: string) => process.stderr.write(`• ${line}\n`);

async function timed<T>(timings: Record<string, number>, name: string, work: () => Promise<T> | T) {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

/** The publishable packages of the copy: name → directory. */
function publishable(scratch: Scratch): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(join(scratch.dir, "packages"))) {
    const path = join(scratch.dir, "packages", entry, "package.json");
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { name: string; private?: boolean };
    if (!manifest.private) found.set(manifest.name, join(scratch.dir, "packages", entry));
  }
  return found;
}

const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;

/**
 * Provenance (publishConfig.provenance) is signed with the OIDC identity of a CI provider
 * (GitHub Actions, GitLab); npm refuses to publish with it anywhere else ("Automatic provenance
 * generation not supported for provider: null"), and `publishConfig` outranks the environment.
 * The copy's manifests turn it off; the repository's keep it for the real release.
 */
function withoutProvenance(scratch: Scratch, packages: Map<string, string>): void {
  for (const dir of packages.values()) {
    const path = join(dir, "package.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as {
      publishConfig?: Record<string, unknown>;
    };
    if (manifest.publishConfig) manifest.publishConfig.provenance = false;
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  scratch.run("git", ["commit", "-qam", "rehearsal: no provenance off CI"]);
}

/** `pnpm version-packages` and `pnpm release` in the copy, publishing to the registry. */
async function versionAndPublish(
  scratch: Scratch,
  registry: Registry,
  packages: Map<string, string>,
): Promise<PublishedState> {
  await mustExec("pnpm", ["version-packages"], { cwd: scratch.dir, env: scratch.env });
  const publishEnv = {
    ...scratch.env,
    npm_config_registry: registry.url,
    NPM_CONFIG_USERCONFIG: registry.publisherConfig,
  };
  await mustExec("pnpm", ["release"], { cwd: scratch.dir, env: publishEnv });
  const state: PublishedState = { versions: {}, registry: {} };
  for (const [name, dir] of packages) {
    state.versions[name] = versionOf(dir);
    state.registry[name] = await packument(registry, name);
  }
  return state;
}

/** Every package at its version in the registry, as `latest`. */
function checkPublished(state: PublishedState, failures: string[], label: string): void {
  for (const [name, version] of Object.entries(state.versions)) {
    const held = state.registry[name];
    if (!held?.versions.includes(version))
      failures.push(`${label}: ${name}@${version} is not in the registry`);
    else if (held.latest !== version)
      failures.push(`${label}: ${name}'s latest is ${held.latest}, not ${version}`);
  }
}

async function installConsumers(
  registry: Registry,
  versions: Record<string, string>,
  providers: ProviderDescription[],
  react: ReactPlan[],
  keep: boolean,
): Promise<Map<ConsumerKind, Consumer>> {
  const dependencies = Object.fromEntries(
    providers.map(({ names }) => [names.packageName, versions[names.packageName]!]),
  );
  const consumers = new Map<ConsumerKind, Consumer>();
  for (const kind of KINDS) {
    const consumer = createConsumer(kind, EXAMPLES, registry, dependencies, providers, react);
    if (!keep) cleanups.push(() => consumer.remove());
    consumers.set(kind, consumer);
  }
  // npm installs are mostly waiting on the network: run them side by side.
  await Promise.all(
    [...consumers.values()].map((c) =>
      mustExec("npm", npmInstallArgs(), { cwd: c.dir, env: c.env }),
    ),
  );
  return consumers;
}

/** The TypeScript compiler the consumer installed, to run with our node. */
const consumerTsc = (consumer: Consumer) =>
  binPath(join(consumer.dir, "package.json"), "typescript", "tsc");

/** What a consumer's run printed (a page: its #outcome), and what the React page sent and got. */
interface Printed {
  text: string;
  exchanges?: Exchange[];
}

/** Runs one consumer's scenario against the mocks (provider name → base URL). */
async function runConsumer(consumer: Consumer, urls: Record<string, string>): Promise<Printed> {
  const run = (command: string, args: string[]) =>
    mustExec(command, args, { cwd: consumer.dir, env: consumer.env });
  const tsc = (...args: string[]) => run(process.execPath, [consumerTsc(consumer), ...args]);
  if (consumer.kind === "node-esm-ts") {
    await tsc("-p", "tsconfig.json");
    return { text: (await run(process.execPath, ["dist/main.js", JSON.stringify(urls)])).stdout };
  }
  if (consumer.kind === "node-cjs")
    return { text: (await run(process.execPath, ["main.cjs", JSON.stringify(urls)])).stdout };
  // Type-checked as a browser project (DOM, no Node types), then bundled for the browser, as a
  // production build (React's own checks and warnings are for development builds).
  const react = consumer.kind === "browser-react";
  await tsc("-p", "tsconfig.json");
  // esbuild's bin is its native executable (its install script puts it there): run as it is.
  await run(join(consumer.dir, "node_modules/.bin/esbuild"), [
    react ? "src/main.tsx" : "src/main.ts",
    "--bundle",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    "--minify",
    ...(react ? ['--define:process.env.NODE_ENV="production"'] : []),
    "--outfile=bundle.js",
  ]);
  const site = await serveFiles(consumer.dir, {
    "index.html": "text/html; charset=utf-8",
    "bundle.js": "text/javascript; charset=utf-8",
  });
  try {
    const query = new URLSearchParams({ urls: JSON.stringify(urls) });
    const page = await runPage(`${site.url}?${query}`, react ? { record: CALL_HEADER } : {});
    browserVersion = page.browserVersion;
    if (page.state !== "done")
      throw new Error(
        `${consumer.kind}: the page ${page.state}: ${page.text}\n${page.problems.join("\n")}`,
      );
    return { text: page.text, exchanges: page.exchanges };
  } finally {
    await site.close();
  }
}
let browserVersion: string | undefined;

/** `tsc -p tsconfig.projects.json` in the ESM consumer: compiles, and what tsc said. */
async function compileProjects(consumer: Consumer) {
  const ran = await exec(
    process.execPath,
    [consumerTsc(consumer), "-p", "tsconfig.projects.json"],
    {
      cwd: consumer.dir,
      env: consumer.env,
    },
  );
  return { compiles: ran.code === 0, diagnostics: tail(ran.output, 10) };
}

async function rehearse(keep: boolean): Promise<Report> {
  const timings: Record<string, number> = {};
  const failures: string[] = [];
  const report: Report = {
    ok: false,
    failures,
    timingsMs: timings,
    provenance:
      "off in the rehearsal copy: npm signs provenance only from a CI provider's OIDC identity",
    consumers: {},
    providers: [],
    tokenScan: { bytes: 0, leaks: [] },
  };

  // Cheap checks first, so a machine that cannot run the browser step fails in seconds.
  const install = await timed(timings, "chromium", () => ensureChromium(progress));
  report.chromium = { install };
  if (!existsSync(FULL_SPEC)) throw new Error(`the full Ampersand spec is missing: ${FULL_SPEC}`);

  const registry = await timed(timings, "registry", startRegistry);
  cleanups.push(() => registry.stop());
  progress(`Verdaccio on ${registry.url} (pid ${registry.pid})`);

  const scratch = await timed(timings, "copy", () => scratchCopy("release-rehearsal"));
  if (!keep) cleanups.push(() => scratch.remove());
  progress(`copy of the repository in ${scratch.dir}`);
  const packages = publishable(scratch);
  withoutProvenance(scratch, packages);
  // Every provider of the copy's manifest, with the first call its README shows.
  const providers = await describeProviders(scratch.dir);
  report.providers = providers.map((p) => p.entry.name);
  const expected = expectedFailures(providers);
  // The React consumer's calls: openapi-react-query makes the first call, swr-openapi a GET.
  const reactPlans = await planReactCalls(scratch.dir, providers);

  // ── First release ─────────────────────────────────────────────────────────────────────────
  progress("pnpm version-packages && pnpm release");
  const first = await timed(timings, "release 1", () =>
    versionAndPublish(scratch, registry, packages),
  );
  checkPublished(first, failures, "first release");
  const ampersand = first.versions["@apiclients/ampersand"]!;
  const dependencies: Record<string, Record<string, string>> = {};
  for (const [name, version] of Object.entries(first.versions)) {
    const published = await fetch(`${registry.url}${name.replace("/", "%2f")}/${version}`, {
      headers: { connection: "close" },
    }).then((r) => r.json() as Promise<{ dependencies?: Record<string, string> }>);
    dependencies[name] = published.dependencies ?? {};
    for (const [dependency, range] of Object.entries(dependencies[name]))
      if (range.startsWith("workspace:") || range.startsWith("catalog:"))
        failures.push(`published ${name} depends on ${dependency}@${range}`);
  }
  report.first = { ...first, dependencies };
  progress(
    `published ${Object.entries(first.versions)
      .map(([n, v]) => `${n}@${v}`)
      .join(", ")}`,
  );

  const mocks: MockServer[] = [];
  const mock = async (spec: string) => {
    const server = await startPrism(spec);
    cleanups.push(() => server.stop());
    mocks.push(server);
    return server;
  };
  const urls: Record<string, string> = {};
  for (const { entry } of providers)
    urls[entry.name] = (await mock(join(scratch.dir, entry.spec))).url;

  progress("consumer projects: npm install from the registry");
  const consumers = await timed(timings, "consumers install", () =>
    installConsumers(registry, first.versions, providers, reactPlans, keep),
  );
  for (const [kind, consumer] of consumers) {
    progress(`consumer ${kind}: ${consumer.dir}`);
    const installed = Object.fromEntries(
      [...packages.keys()].map((name) => [name, installedVersion(consumer, name)]),
    );
    for (const [name, version] of Object.entries(installed))
      if (version !== first.versions[name])
        failures.push(`${kind}: installed ${name}@${version}, not ${first.versions[name]}`);
    const printed = await timed(timings, `consumer ${kind}`, () => runConsumer(consumer, urls));
    const changelogs = Object.fromEntries(
      [...packages.keys()].map((name) => [name, changelogHead(consumer, name)]),
    );
    if (kind === "browser-react") {
      const judged = judgeHookOutcomes(
        kind,
        printed.text,
        printed.exchanges ?? [],
        expectedHooks(reactPlans),
      );
      failures.push(...judged.failures);
      report.consumers[kind] = { installed, changelogs, hooks: judged.report };
    } else {
      const judged = judgeOutcomes(kind, printed.text, expected);
      failures.push(...judged.failures);
      report.consumers[kind] = { installed, changelogs, outcomes: judged.outcomes };
    }
  }
  report.chromium.version = browserVersion;

  // ── A spec change, released ───────────────────────────────────────────────────────────────
  const esm = consumers.get("node-esm-ts")!;
  const before = await compileProjects(esm);
  if (before.compiles)
    failures.push("GET /projects compiled against the first release, which has no such path");

  progress("spec change: Ampersand's full public API");
  copyFileSync(FULL_SPEC, join(scratch.dir, "specs/ampersand.yaml"));
  const changeset = await timed(timings, "spec change", async () => {
    await mustExec("pnpm", ["generate"], { cwd: scratch.dir, env: scratch.env });
    const args = ["--silent", "spec:changeset"];
    return (await mustExec("pnpm", args, { cwd: scratch.dir, env: scratch.env })).stdout;
  });
  const second = await timed(timings, "release 2", () =>
    versionAndPublish(scratch, registry, packages),
  );
  checkPublished(second, failures, "second release");
  const ampersandNext = second.versions["@apiclients/ampersand"]!;
  if (ampersandNext === ampersand)
    failures.push(`the spec change did not bump @apiclients/ampersand (still ${ampersand})`);
  for (const name of packages.keys())
    if (name !== "@apiclients/ampersand" && second.versions[name] !== first.versions[name])
      failures.push(`${name} was bumped by a change to Ampersand's spec only`);
  progress(`published @apiclients/ampersand@${ampersandNext}`);

  // The ESM and React projects take the new version side by side (mostly network waits).
  const react = consumers.get("browser-react")!;
  await timed(timings, "install the new version", () =>
    Promise.all(
      [esm, react].map((c) =>
        mustExec("npm", npmInstallArgs(`@apiclients/ampersand@${ampersandNext}`), {
          cwd: c.dir,
          env: c.env,
        }),
      ),
    ),
  );
  const after = await compileProjects(esm);
  if (!after.compiles) failures.push(`GET /projects does not compile against ${ampersandNext}`);
  const full = await mock(FULL_SPEC);
  let projects: string[] | undefined;
  if (after.compiles) {
    const ran = await mustExec(process.execPath, ["dist/projects.js", full.url], {
      cwd: esm.dir,
      env: esm.env,
    });
    projects = (JSON.parse(ran.stdout) as { projects: string[] }).projects;
    if (!Array.isArray(projects)) failures.push("GET /projects printed no list of projects");
  }
  // The first scenario still compiles and runs against the new version: nothing was taken away.
  const again = judgeOutcomes(
    "node-esm-ts after the spec change",
    (await runConsumer(esm, urls)).text,
    expected,
  );
  failures.push(...again.failures);

  // The React project on the new version, against the full API's mock: its first call is now a
  // GET, which swr-openapi makes too (the first release's specs have no GET at all).
  const hooks = await timed(timings, "consumer browser-react after the spec change", async () => {
    const changed = await describeProviders(scratch.dir);
    const plans = await planReactCalls(scratch.dir, changed);
    writeProviders("browser-react", react.dir, changed, plans);
    const changedUrls = Object.fromEntries(
      changed.map(({ entry }) => [
        entry.name,
        entry.spec === "specs/ampersand.yaml" ? full.url : urls[entry.name]!,
      ]),
    );
    const printed = await runConsumer(react, changedUrls);
    return judgeHookOutcomes(
      "browser-react after the spec change",
      printed.text,
      printed.exchanges ?? [],
      expectedHooks(plans),
    );
  });
  failures.push(...hooks.failures);

  report.specChange = {
    ...second,
    changeset: changeset.trim(),
    beforeCompiles: before.compiles,
    beforeDiagnostics: before.diagnostics,
    afterCompiles: after.compiles,
    afterDiagnostics: after.diagnostics,
    projects,
    hooks: hooks.report,
  };

  // ── Nothing showed the publish token ──────────────────────────────────────────────────────
  const texts = [...transcript.map((ran) => ran.output), registry.log()];
  for (const consumer of consumers.values())
    for (const file of [".npmrc", "package-lock.json"])
      if (existsSync(join(consumer.dir, file)))
        texts.push(readFileSync(join(consumer.dir, file), "utf8"));
  report.tokenScan.bytes = texts.reduce((sum, text) => sum + text.length, 0);
  texts.forEach((text, i) => {
    if (text.includes(registry.token))
      report.tokenScan.leaks.push(transcript[i]?.command ?? `file or log #${i}`);
  });
  if (report.tokenScan.leaks.length) failures.push("the publish token appeared in some output");

  report.ok = failures.length === 0;
  return report;
}

/** "ampersand: openapi-react-query DELETE /x ok, error; swr-openapi left out" */
function hookSummary({ outcomes, skipped }: HookReport): string {
  const providers = [...new Set([...outcomes, ...skipped].map((o) => o?.provider))];
  return providers
    .map((provider) => {
      const made = [
        ...new Set(outcomes.filter((o) => o?.provider === provider).map((o) => o.library)),
      ].map((library) => {
        const mine = outcomes.filter((o) => o?.provider === provider && o.library === library);
        return `${library} ${mine[0]!.operation} ${mine.map((o) => `${o.call} → ${o.status}`).join(", ")}`;
      });
      const left = skipped
        .filter((s) => s.provider === provider)
        .map((s) => `${s.library} left out`);
      return `${provider}: ${[...made, ...left].join("; ")}`;
    })
    .join(" | ");
}

function summary(report: Report): string {
  const lines = [
    report.ok ? "✔ release rehearsal passed" : "✖ release rehearsal failed",
    ...report.failures.map((failure) => `  ✖ ${failure}`),
  ];
  if (report.first)
    lines.push(
      `  first release: ${Object.entries(report.first.versions)
        .map(([n, v]) => `${n}@${v}`)
        .join(", ")}`,
    );
  for (const [kind, consumer] of Object.entries(report.consumers))
    lines.push(
      `  ${kind}: ${consumer.hooks ? hookSummary(consumer.hooks) : consumer.outcomes?.map((o) => `${o.provider} called${o.failure ? `, ${o.failure.status} → ${o.failure.title}` : ""}`).join("; ")}`,
    );
  if (report.specChange)
    lines.push(
      `  spec change: ${report.specChange.changeset.split("\n")[0]}`,
      `  GET /projects compiles: before ${report.specChange.beforeCompiles}, after ${report.specChange.afterCompiles}`,
      ...(report.specChange.hooks
        ? [`  browser-react after it: ${hookSummary(report.specChange.hooks)}`]
        : []),
    );
  lines.push(
    `  timings (ms): ${Object.entries(report.timingsMs)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  return lines.join("\n");
}

async function cleanUp(): Promise<void> {
  await stopRunning();
  for (const step of cleanups.splice(0).reverse()) await step();
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { json: { type: "boolean" }, keep: { type: "boolean" } },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      // Say what we were waiting for: that is where an interrupted rehearsal was stuck.
      console.error(`✖ release rehearsal interrupted (${signal})`);
      for (const line of describeRunning()) console.error(`  ${line.replaceAll("\n", "\n    ")}`);
      void cleanUp().then(() => process.exit(130));
    });
  try {
    const report = await rehearse(values.keep ?? false);
    // --json: the report for a program on stdout, the same words as usual for a person on stderr.
    if (values.json) console.log(JSON.stringify(report, null, 2));
    (values.json ? console.error : console.log)(summary(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    console.error(`✖ release rehearsal: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main();
