// Runs a CLI's exported main() in the test's own process, with what it prints captured: the CLI's
// logic without a node start-up (and a TypeScript compile) per call.
import { jest } from "@jest/globals";

export interface CliRun {
  code: number;
  /** Everything printed to console.log, .warn and .error, one line per call. */
  output: string;
}

export async function callMain(
  main: (argv: string[], root: string) => Promise<number>,
  argv: string[],
  root: string,
): Promise<CliRun> {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  };
  const spies = (["log", "warn", "error"] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation(capture),
  );
  try {
    return { code: await main(argv, root), output: lines.join("\n") };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
