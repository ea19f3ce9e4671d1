// The runtimes the client suites run on: the Node running the bench, the other Node lines and
// Bun, each from the npm registry (the `node` package brings the node binary of its version, the
// `bun` package Bun's), installed on first use into .cache/bench/runtimes.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { npmInstallOnce } from "./cache-install.js";

/** Each runtime's package, pinned, and the binary it installs. */
const RUNTIMES: Record<string, { spec: string; bin: string }> = {
  node20: { spec: "node@20.20.2", bin: "node" },
  node22: { spec: "node@22.23.3", bin: "node" },
  node24: { spec: "node@24.21.0", bin: "node" },
  bun: { spec: "bun@1.4.5", bin: "bun" },
};
export const RUNTIME_IDS = Object.keys(RUNTIMES);

export interface Runtime {
  id: string;
  command: string;
  /** As the binary reports it. */
  version: string;
}

export function benchRuntimes(root: string, ids: readonly string[]): Runtime[] {
  return ids.map((id) => {
    const runtime = RUNTIMES[id];
    if (!runtime) throw new Error(`unknown runtime ${id}: one of ${RUNTIME_IDS.join(", ")}`);
    // The Node line the bench runs on is the Node it runs on.
    let command = process.execPath;
    if (id !== `node${process.versions.node.split(".")[0]}`) {
      const dir = resolve(root, ".cache/bench/runtimes", id);
      npmInstallOnce(dir, [runtime.spec]);
      command = join(dir, "node_modules/.bin", runtime.bin);
    }
    const version = execFileSync(command, ["--version"], { encoding: "utf8" }).trim();
    return { id, command, version };
  });
}
