// What every consumer project does with the published packages, in Node and in a browser alike:
// one successful delete per provider, then a delete the server answers with 404, handled as the
// ProblemError the client throws.
import { createAmpersandClient, isProblemError, ProblemError, unwrap } from "@apiclients/ampersand";
import { createBasicClient, unwrap as unwrapBasic } from "@apiclients/basic";

export interface BaseUrls {
  ampersand: string;
  basic: string;
}

export interface DeleteOutcome {
  provider: "ampersand" | "basic";
  /** True once unwrap() returned from the successful delete. */
  deleted: boolean;
  /** The 404, as the error the client threw. */
  notFound: {
    isProblemError: boolean;
    instanceOfProblemError: boolean;
    status: number;
    title: string;
    message: string;
  };
}

// Against a mock server, `Prefer: code=404` asks Prism for the spec's 404 answer.
const answerNotFound = { Prefer: "code=404" };

async function notFound(call: () => Promise<unknown>): Promise<DeleteOutcome["notFound"]> {
  try {
    await call();
  } catch (error) {
    if (!isProblemError(error)) throw error;
    return {
      isProblemError: true,
      instanceOfProblemError: error instanceof ProblemError,
      status: error.status,
      title: error.problem.title,
      message: error.message,
    };
  }
  throw new Error("the delete was expected to fail with 404, and succeeded");
}

export async function deleteAndHandleNotFound(urls: BaseUrls): Promise<DeleteOutcome[]> {
  const ampersand = createAmpersandClient({ apiKey: "rehearsal-key", baseUrl: urls.ampersand });
  const jwtKey = "/projects/{projectIdOrName}/jwt-keys/{keyId}";
  const jwtKeyPath = { projectIdOrName: "my-project", keyId: "key-123" };
  await unwrap(ampersand.DELETE(jwtKey, { params: { path: jwtKeyPath } }));

  const basic = createBasicClient({ apiKey: "rehearsal-key", baseUrl: urls.basic });
  const apiKey = "/project/{id}/key/{key_id}";
  const apiKeyPath = { id: "proj_1", key_id: "key_1" };
  // Each provider's own unwrap reads its own error shape (Basic's { error, message }).
  await unwrapBasic(basic.DELETE(apiKey, { params: { path: apiKeyPath } }));

  return [
    {
      provider: "ampersand",
      deleted: true,
      notFound: await notFound(() =>
        unwrap(ampersand.DELETE(jwtKey, { params: { path: jwtKeyPath }, headers: answerNotFound })),
      ),
    },
    {
      provider: "basic",
      deleted: true,
      notFound: await notFound(() =>
        unwrapBasic(
          basic.DELETE(apiKey, { params: { path: apiKeyPath }, headers: answerNotFound }),
        ),
      ),
    },
  ];
}
