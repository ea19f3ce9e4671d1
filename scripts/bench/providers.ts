// The provider packages the benchmarks measure, from the manifest: each built package's entry
// (dist/, imported by path, so the scripts package needs no dependency on any provider) and the
// README's first call, made the same way through our client and through the other clients.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describeProviders } from "../lib/codegen/describe.js";
import { BENCH_API_KEY, type BenchProvider } from "./call.js";

export async function benchProviders(root: string): Promise<BenchProvider[]> {
  return (await describeProviders(root)).map(({ entry, names, defaults, plan }) => {
    const [credential] = plan.credentials;
    const placement = credential ? defaults.auth[credential] : undefined;
    return {
      packageName: names.packageName,
      entry: pathToFileURL(join(root, entry.package, "dist/index.js")).href,
      factory: names.factory,
      ...(credential ? { credential } : {}),
      ...(placement
        ? {
            header: [
              placement.header,
              placement.scheme ? `${placement.scheme} ${BENCH_API_KEY}` : BENCH_API_KEY,
            ] as [string, string],
          }
        : {}),
      method: plan.method.toUpperCase(),
      path: plan.path,
      init: {
        ...(Object.keys(plan.params).length > 0 ? { params: plan.params } : {}),
        ...(plan.body === undefined ? {} : { body: plan.body }),
        ...(plan.parseAs === undefined ? {} : { parseAs: plan.parseAs }),
      },
    };
  });
}
