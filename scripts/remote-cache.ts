// A self-hosted turbo remote cache, for a team's CI machines to share builds.
//
//   remote-cache serve [--port N] [--host H] [--team T] [--storage DIR] [--verbose]
//       Runs the cache server until Ctrl-C and prints the TURBO_* values to export.
//   remote-cache rehearse [--team T] [--json]
//       Proves the setup end to end: two clean copies of this repository share one server; the
//       first builds and uploads, the second must be a full remote hit with identical dist/
//       output, and a wrong token must get nothing. Exits non-zero on any failed check.
//
// The token is TURBO_TOKEN from the environment when set, otherwise a random one. Only `serve`
// ever prints it (the developer asked for it); `rehearse` checks that nothing else does.
import { parseArgs } from "node:util";
import type { Running } from "@apiclients/testing";
import { newToken, startRemoteCache } from "./lib/rehearsal/remote-cache.js";
import { rehearseRemoteCache, summarize } from "./lib/rehearsal/remote-cache-rehearsal.js";

const USAGE = `Usage: remote-cache serve [--port N] [--host H] [--team T] [--storage DIR] [--verbose]
       remote-cache rehearse [--team T] [--json]`;

/** Work to undo if we are interrupted: the server, the copies, a running turbo. */
const cleanups: Array<() => unknown> = [];
let running: Running | undefined;
/** Set by Ctrl-C: the server exiting is then expected, not a failure. */
let stopping = false;

async function cleanUp(): Promise<void> {
  await running?.stop();
  for (const step of cleanups.splice(0).reverse()) await step();
}

const progress = (line: string) => process.stderr.write(`• ${line}\n`);

// ─── serve ──────────────────────────────────────────────────────────────────────────────────

async function serve(options: {
  port?: string;
  host?: string;
  team: string;
  storage?: string;
  verbose?: boolean;
}): Promise<number> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new Error(`--port must be a TCP port number, not ${options.port}`);
  const fromEnv = Boolean(process.env.TURBO_TOKEN);
  const cache = await startRemoteCache({
    token: process.env.TURBO_TOKEN || newToken(),
    host: options.host,
    port,
    storagePath: options.storage,
    logs: "inherit",
    logLevel: options.verbose ? "info" : "warn",
  });
  cleanups.push(() => cache.stop());
  const where = options.storage ?? `${cache.storagePath} (removed on exit; --storage keeps it)`;
  // Printing the token is the point of `serve`: the developer needs it to point turbo here.
  console.log(`Remote cache on ${cache.url}, artifacts in ${where}
Export these where turbo runs:

  export TURBO_API=${cache.url}
  export TURBO_TOKEN=${fromEnv ? '"$TURBO_TOKEN" # the value already set in this shell' : cache.token}
  export TURBO_TEAM=${options.team}

then \`pnpm build --summarize\`; a second machine or clone gets ">>> FULL TURBO".
Ctrl-C stops the server.`);
  await cache.exited;
  if (stopping) return 130;
  console.error("✖ the remote cache server exited on its own");
  return 1;
}

// ─── main ───────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        team: { type: "string", default: "" },
        storage: { type: "string" },
        verbose: { type: "boolean" },
        json: { type: "boolean" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (extra.length > 0 || (command !== "serve" && command !== "rehearse")) {
    console.error(USAGE);
    return 2;
  }
  if (command === "serve") return serve({ ...values, team: values.team || "apiclients" });
  const report = await rehearseRemoteCache(values.team || "rehearsal", {
    progress,
    defer: (cleanup) => cleanups.push(cleanup),
    track: (run) => (running = run),
    interrupted: () => stopping,
  });
  // --json: the report for a program on stdout, the same words as usual for a person on stderr.
  if (values.json) console.log(JSON.stringify(report, null, 2));
  (values.json ? console.error : console.log)(summarize(report));
  return report.ok ? 0 : 1;
}

const onSignal = () => {
  stopping = true;
  void cleanUp().then(() => process.exit(130));
};
process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);

main()
  .then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(stopping ? "✖ interrupted" : `✖ ${error.message}`);
      process.exitCode = 1;
    },
  )
  .finally(cleanUp);
