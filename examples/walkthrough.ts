// A short tour of both clients: a successful delete and a not-found error, each.
//
//   AMPERSAND_BASE_URL=http://127.0.0.1:4010 BASIC_BASE_URL=http://127.0.0.1:4011 tsx examples/walkthrough.ts
//
// `pnpm start` runs it against Prism mock servers started from specs/. Against a mock, the
// `Prefer: code=404` header asks Prism for the spec's 404 answer; a real API needs no such header.
// Each provider package exports its own unwrap, which reads its own error shape.
import { createAmpersandClient, isProblemError, unwrap } from "@apiclients/ampersand";
import { createBasicClient, unwrap as unwrapBasic } from "@apiclients/basic";

const asMockFor = (status: number) => ({ Prefer: `code=${status}` });

/** How a person wants to read an API error: what failed, why, and what to do next. */
export function describeError(action: string, error: unknown): string {
  if (!isProblemError(error)) return `✖ ${action} failed: ${String(error)}`;
  const { problem } = error;
  const lines = [`✖ ${action} failed: ${problem.title} (HTTP ${error.status})`];
  if (problem.detail) lines.push(`  why:        ${problem.detail}`);
  if (problem.remedy) lines.push(`  what to do: ${problem.remedy}`);
  if (problem.type !== "about:blank") lines.push(`  type:       ${problem.type}`);
  if (error.requestId) lines.push(`  request id: ${error.requestId}`);
  lines.push(`  retryable:  ${error.retryable ? "yes" : "no"}`);
  return lines.join("\n");
}

async function ampersand(baseUrl: string | undefined) {
  const client = createAmpersandClient({ apiKey: "demo-api-key", baseUrl });
  const path = { projectIdOrName: "my-project", keyId: "key-123" };

  await unwrap(client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", { params: { path } }));
  console.log(`✔ Ampersand: deleted JWT key ${path.keyId} from project ${path.projectIdOrName}`);

  try {
    await unwrap(
      client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", {
        params: { path: { ...path, keyId: "no-such-key" } },
        headers: asMockFor(404),
      }),
    );
    console.log("? Ampersand: expected a 404");
  } catch (error) {
    console.log(describeError("Ampersand: deleting JWT key no-such-key", error));
  }
}

async function basic(baseUrl: string | undefined) {
  const client = createBasicClient({ apiKey: "demo-api-key", baseUrl });
  const path = { id: "proj_1", key_id: "key_1" };

  const { message } = await unwrapBasic(
    client.DELETE("/project/{id}/key/{key_id}", { params: { path } }),
  );
  console.log(
    `✔ Basic: deleted API key ${path.key_id} (its message: ${message === undefined ? "none" : JSON.stringify(message)})`,
  );

  try {
    await unwrapBasic(
      client.DELETE("/project/{id}/key/{key_id}", {
        params: { path: { ...path, key_id: "no-such-key" } },
        headers: asMockFor(404),
      }),
    );
    console.log("? Basic: expected a 404");
  } catch (error) {
    console.log(describeError("Basic: deleting API key no-such-key", error));
  }
}

// Against Prism, every answer is made from the spec: its examples where it has them, otherwise a
// placeholder for each type ("string"), which is what Basic's spec gets. Say so up front, so a
// "string" in the output reads as the demo it is.
console.log(
  'A demo against Prism mocks of specs/: each answer is the spec\'s own example, or a placeholder such as "string" where the spec gives none.\n',
);
await ampersand(process.env.AMPERSAND_BASE_URL);
console.log();
await basic(process.env.BASIC_BASE_URL);
