// The main job (`pnpm start`, after `turbo run build`): starts a Prism mock server for every
// spec in scripts/providers.json on loopback, runs examples/walkthrough.ts against them (each
// mock's URL in <PROVIDER>_BASE_URL, e.g. BASIC_ADMIN_BASE_URL), and stops the servers whatever
// happens.
import {
  repoRoot,
  startPrism,
  startProcess,
  waitForExit,
  type MockServer,
} from "@apiclients/testing";
import { loadManifest } from "./lib/codegen/manifest.js";
import { providerNames } from "./lib/codegen/names.js";

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = startProcess(command, args, { cwd: repoRoot, env, stdio: "inherit" });
  const { code, signal } = await waitForExit(child);
  return code ?? (signal ? 1 : 0);
}

async function main(): Promise<number> {
  const providers = await loadManifest(repoRoot);
  const servers: MockServer[] = [];
  const stopAll = () => Promise.all(servers.map((s) => s.stop()));
  const onSignal = () => void stopAll().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const provider of providers) {
      const server = await startPrism(provider.spec);
      servers.push(server);
      env[`${providerNames(provider.name).envPrefix}_BASE_URL`] = server.url;
      console.log(`• Prism mock for ${provider.spec} on ${server.url}`);
    }
    console.log();
    return await run(process.execPath, ["--import", "tsx", "examples/walkthrough.ts"], env);
  } finally {
    await stopAll();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    console.log(`\n• stopped ${servers.length} mock server(s)`);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`✖ ${error.message}`);
    process.exitCode = 1;
  },
);
