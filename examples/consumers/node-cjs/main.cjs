// A Node CommonJS project: the packages' require() entry, no TypeScript, no bundler. It does
// what ../scenario.ts does, in JavaScript: for each provider of ./providers.cjs (written by the
// release rehearsal from scripts/providers.json), the first call, then one that fails.
//   node main.cjs '{"<provider>": "<base URL>", …}'
const { providers } = require("./providers.cjs");

async function failure(p, baseUrl) {
  try {
    await p.call(baseUrl, true);
  } catch (error) {
    if (!p.isProblemError(error)) throw error;
    const { status, problem, message } = error;
    const instanceOfProblemError = error instanceof p.ProblemError;
    return { isProblemError: true, instanceOfProblemError, status, title: problem.title, message };
  }
  throw new Error(`${p.provider}: the call was expected to fail with ${p.failureStatus}`);
}

async function main([urls]) {
  if (!urls) throw new Error(`usage: node main.cjs '{"<provider>": "<base URL>", …}'`);
  const baseUrls = JSON.parse(urls);
  const outcomes = [];
  for (const p of providers) {
    const baseUrl = baseUrls[p.provider];
    if (!baseUrl) throw new Error(`no base URL for ${p.provider}`);
    await p.call(baseUrl, false);
    const failed = p.failureStatus === null ? null : await failure(p, baseUrl);
    outcomes.push({ provider: p.provider, succeeded: true, failure: failed });
  }
  return outcomes;
}

main(process.argv.slice(2)).then(
  (outcomes) => console.log(JSON.stringify(outcomes)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
