// Compile-time tests, checked by `tsc` in the typecheck task (not run by jest). The line after
// each expect-error directive must fail to compile; if it ever compiles, tsc reports the directive.
import { createBasicClient } from "../src/index.js";

const client = createBasicClient({ apiKey: "k" });
const PATH = "/project/{id}/key/{key_id}";

export async function calls() {
  const { data, error } = await client.DELETE(PATH, { params: { path: { id: "p", key_id: "k" } } });
  const message: string | undefined = data?.message;
  const reason: string | undefined = error?.error;
  void message;
  void reason;

  // @ts-expect-error a path the spec does not have
  await client.DELETE("/projects/{id}/key/{key_id}", {
    params: { path: { id: "p", key_id: "k" } },
  });

  // @ts-expect-error a method the spec does not have on this path
  await client.POST(PATH, { params: { path: { id: "p", key_id: "k" } } });

  // @ts-expect-error a missing path parameter
  await client.DELETE(PATH, { params: { path: { id: "p" } } });

  // @ts-expect-error data is the 200 body, which has no `error` member
  void data?.error;
}
