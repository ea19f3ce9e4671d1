// What every consumer project does with the published packages, in Node and in a browser alike:
// for each provider, its first call (the one its README shows), then a call the mock answers with
// an error, handled as the ProblemError the provider's client throws.
//
// The providers come from ./providers.js, which the release rehearsal writes into each project
// from scripts/providers.json (scripts/lib/rehearsal/consumer-providers.ts): every provider is
// covered, and this file names none.
import { providers } from "./providers.js";

/** What this scenario reads of a ProblemError. */
interface ProblemErrorLike {
  status: number;
  message: string;
  problem: { title: string };
}

/** One provider, as the rehearsal writes it into ./providers.ts. */
export interface ProviderCase {
  provider: string;
  /** The status the failing call gets, or null when the spec gives no way to make one fail. */
  failureStatus: number | null;
  /** The provider's first call through its client and its own unwrap; `fail` makes it fail. */
  call(baseUrl: string, fail: boolean): Promise<unknown>;
  isProblemError(error: unknown): error is ProblemErrorLike;
  ProblemError: abstract new (...args: never[]) => unknown;
}

export interface CallOutcome {
  provider: string;
  /** True once unwrap() returned from the first call. */
  succeeded: boolean;
  /** The failing call, as the error the client threw; null when there was none to make. */
  failure: {
    isProblemError: boolean;
    instanceOfProblemError: boolean;
    status: number;
    title: string;
    message: string;
  } | null;
}

async function failure(p: ProviderCase, baseUrl: string): Promise<CallOutcome["failure"]> {
  try {
    await p.call(baseUrl, true);
  } catch (error) {
    if (!p.isProblemError(error)) throw error;
    return {
      isProblemError: true,
      instanceOfProblemError: error instanceof p.ProblemError,
      status: error.status,
      title: error.problem.title,
      message: error.message,
    };
  }
  throw new Error(`${p.provider}: the call was expected to fail with ${p.failureStatus}`);
}

/** `urls` maps each provider's name to the base URL of its mock server. */
export async function callEveryProvider(urls: Record<string, string>): Promise<CallOutcome[]> {
  const outcomes: CallOutcome[] = [];
  for (const p of providers) {
    const baseUrl = urls[p.provider];
    if (!baseUrl) throw new Error(`no base URL for ${p.provider}`);
    await p.call(baseUrl, false);
    outcomes.push({
      provider: p.provider,
      succeeded: true,
      failure: p.failureStatus === null ? null : await failure(p, baseUrl),
    });
  }
  return outcomes;
}
