/**
 * Reads an environment variable where an environment exists (Node, Bun, Deno with --allow-env)
 * and quietly returns undefined elsewhere (browsers, edge workers, Deno without permission).
 */
export function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
      ?.env;
    const value = env?.[name]?.trim();
    return value === "" ? undefined : value;
  } catch {
    return undefined;
  }
}
