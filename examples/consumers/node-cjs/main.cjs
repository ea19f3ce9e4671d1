// A Node CommonJS project: the packages' require() entry, no TypeScript, no bundler.
//   node main.cjs <Ampersand base URL> <Basic base URL>
const {
  createAmpersandClient,
  isProblemError,
  ProblemError,
  unwrap,
} = require("@apiclients/ampersand");
// Each provider's own unwrap reads its own error shape (Basic's { error, message }).
const { createBasicClient, unwrap: unwrapBasic } = require("@apiclients/basic");

async function notFound(call) {
  try {
    await call();
  } catch (error) {
    if (!isProblemError(error)) throw error;
    const { status, problem, message } = error;
    const instanceOfProblemError = error instanceof ProblemError;
    return { isProblemError: true, instanceOfProblemError, status, title: problem.title, message };
  }
  throw new Error("the delete was expected to fail with 404, and succeeded");
}

async function main([ampersandUrl, basicUrl]) {
  if (!ampersandUrl || !basicUrl)
    throw new Error("usage: node main.cjs <Ampersand URL> <Basic URL>");
  // Against a mock server, `Prefer: code=404` asks Prism for the spec's 404 answer.
  const headers = { Prefer: "code=404" };

  const ampersand = createAmpersandClient({ apiKey: "rehearsal-key", baseUrl: ampersandUrl });
  const jwtKey = { params: { path: { projectIdOrName: "my-project", keyId: "key-123" } } };
  await unwrap(ampersand.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", jwtKey));

  const basic = createBasicClient({ apiKey: "rehearsal-key", baseUrl: basicUrl });
  const apiKey = { params: { path: { id: "proj_1", key_id: "key_1" } } };
  await unwrapBasic(basic.DELETE("/project/{id}/key/{key_id}", apiKey));

  return [
    {
      provider: "ampersand",
      deleted: true,
      notFound: await notFound(() =>
        unwrap(
          ampersand.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", { ...jwtKey, headers }),
        ),
      ),
    },
    {
      provider: "basic",
      deleted: true,
      notFound: await notFound(() =>
        unwrapBasic(basic.DELETE("/project/{id}/key/{key_id}", { ...apiKey, headers })),
      ),
    },
  ];
}

main(process.argv.slice(2)).then(
  (outcomes) => console.log(JSON.stringify(outcomes)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
