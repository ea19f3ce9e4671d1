// What a consumer must have seen for the rehearsal to pass: for each provider, a delete that
// succeeded and a 404 that arrived as a ProblemError (examples/consumers/scenario.ts).

/** One provider's outcome as a consumer prints it (the consumers are separate projects, so the
 * type is restated here rather than imported). */
export interface DeleteOutcome {
  provider: string;
  deleted: boolean;
  notFound?: {
    isProblemError: boolean;
    instanceOfProblemError: boolean;
    status: number;
    title: string;
    message: string;
  };
}

const PROVIDERS = ["ampersand", "basic"] as const;

/** Parses a consumer's printed outcomes; returns them with every way they fall short. */
export function judgeOutcomes(
  consumer: string,
  printed: string,
): { outcomes?: DeleteOutcome[]; failures: string[] } {
  let outcomes: DeleteOutcome[];
  try {
    outcomes = JSON.parse(printed.trim().split("\n").at(-1) ?? "") as DeleteOutcome[];
  } catch {
    return { failures: [`${consumer}: printed no outcomes: ${printed.slice(0, 500)}`] };
  }
  const failures: string[] = [];
  for (const provider of PROVIDERS) {
    const outcome = Array.isArray(outcomes)
      ? outcomes.find((o) => o?.provider === provider)
      : undefined;
    const where = `${consumer}, ${provider}`;
    if (!outcome) {
      failures.push(`${where}: no outcome`);
      continue;
    }
    if (outcome.deleted !== true) failures.push(`${where}: the delete did not succeed`);
    const { notFound } = outcome;
    if (notFound?.status !== 404) failures.push(`${where}: expected a 404 problem`);
    if (notFound?.isProblemError !== true) failures.push(`${where}: not a ProblemError`);
    if (notFound?.instanceOfProblemError !== true)
      failures.push(`${where}: the 404 is not an instance of the ProblemError class exported`);
    if (!notFound?.title) failures.push(`${where}: the problem has no title`);
  }
  return { outcomes, failures };
}
