// Compile-time tests, checked by `tsc` in the typecheck task (not run by jest). The line after
// each expect-error directive must fail to compile; if it ever compiles, tsc reports the directive.
import type { ApiProblem } from "@apiclients/problem";
import { createAmpersandClient, type paths } from "../src/index.js";

const client = createAmpersandClient({ apiKey: "k" });
const PATH = "/projects/{projectIdOrName}/jwt-keys/{keyId}";

export async function calls() {
  // The right call compiles, and its error is the spec's problem type.
  const { error } = await client.DELETE(PATH, {
    params: { path: { projectIdOrName: "p", keyId: "k" } },
  });
  if (error) {
    const detail: string | undefined = error.detail;
    void detail;
  }

  // @ts-expect-error a path the spec does not have
  await client.DELETE("/projects/{projectIdOrName}/jwt-key/{keyId}", {
    params: { path: { projectIdOrName: "p", keyId: "k" } },
  });

  // @ts-expect-error a method the spec does not have on this path
  await client.POST(PATH, { params: { path: { projectIdOrName: "p", keyId: "k" } } });

  // @ts-expect-error a missing path parameter
  await client.DELETE(PATH, { params: { path: { projectIdOrName: "p" } } });

  // @ts-expect-error no path parameters at all
  await client.DELETE(PATH, {});

  // @ts-expect-error a path parameter of the wrong type
  await client.DELETE(PATH, { params: { path: { projectIdOrName: "p", keyId: 42 } } });
}

/**
 * Every error body the spec declares (any 4xx/5xx JSON response of any operation) must be
 * assignable to ApiProblem, so the problem package and the spec cannot drift apart silently.
 */
type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type ErrorStatus<R> = {
  [S in keyof R]: `${S & number}` extends `4${string}` | `5${string}` ? S : never;
}[keyof R];
type JsonBody<Res> = Res extends { content: { "application/json": infer B } } ? B : never;
type OperationsOf<P> = {
  [Path in keyof P]: P[Path][Exclude<keyof P[Path], "parameters">];
}[keyof P];
type ErrorBodies<P> =
  OperationsOf<P> extends infer Op
    ? Op extends unknown
      ? JsonBody<ResponsesOf<Op>[ErrorStatus<ResponsesOf<Op>>]>
      : never
    : never;

type AmpersandErrorBody = ErrorBodies<paths>;
type IsNever<T> = [T] extends [never] ? true : false;

// The check is only meaningful if the spec declares error bodies at all.
export const hasErrorBodies: IsNever<AmpersandErrorBody> = false;
export const assignable = (body: AmpersandErrorBody): ApiProblem => body;
