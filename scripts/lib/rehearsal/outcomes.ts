// What a consumer must have seen for the rehearsal to pass: for each provider, its first call
// succeeded, and its failing call arrived as a ProblemError with the expected status
// (examples/consumers/scenario.ts). Pure: the expected providers and statuses are passed in.

/** One provider's outcome as a consumer prints it (the consumers are separate projects, so the
 * type is restated here rather than imported). */
export interface CallOutcome {
  provider: string;
  succeeded: boolean;
  failure: {
    isProblemError: boolean;
    instanceOfProblemError: boolean;
    status: number;
    title: string;
    message: string;
  } | null;
}

/** A provider the consumer must cover, and the status its failing call gets (null: none). */
export interface ExpectedOutcome {
  provider: string;
  failureStatus: number | null;
}

/** Parses a consumer's printed outcomes; returns them with every way they fall short. */
export function judgeOutcomes(
  consumer: string,
  printed: string,
  expected: ExpectedOutcome[],
): { outcomes?: CallOutcome[]; failures: string[] } {
  let outcomes: CallOutcome[];
  try {
    outcomes = JSON.parse(printed.trim().split("\n").at(-1) ?? "") as CallOutcome[];
  } catch {
    return { failures: [`${consumer}: printed no outcomes: ${printed.slice(0, 500)}`] };
  }
  const failures: string[] = [];
  for (const { provider, failureStatus } of expected) {
    const outcome = Array.isArray(outcomes)
      ? outcomes.find((o) => o?.provider === provider)
      : undefined;
    const where = `${consumer}, ${provider}`;
    if (!outcome) {
      failures.push(`${where}: no outcome`);
      continue;
    }
    if (outcome.succeeded !== true) failures.push(`${where}: the first call did not succeed`);
    if (failureStatus === null) continue;
    const { failure } = outcome;
    if (failure?.status !== failureStatus)
      failures.push(`${where}: expected a ${failureStatus} problem`);
    if (failure?.isProblemError !== true) failures.push(`${where}: not a ProblemError`);
    if (failure?.instanceOfProblemError !== true)
      failures.push(
        `${where}: the ${failureStatus} is not an instance of the ProblemError class exported`,
      );
    if (!failure?.title) failures.push(`${where}: the problem has no title`);
  }
  return { outcomes, failures };
}
