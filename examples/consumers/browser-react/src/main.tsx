// A React 19 page: bundled with esbuild (platform browser), served from its own origin, calling
// the APIs cross-origin through each provider's published client, as openapi-react-query
// (TanStack Query) and swr-openapi (SWR) use an openapi-fetch client. The base URLs come from
// the page's query string: ?urls=<JSON object>. When every call has settled, #outcome holds the
// outcomes as JSON (data-state="done"); the release rehearsal reads them, and what went over the
// network, and judges both.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { SWRConfig } from "swr";
import type { HookCase, HookOutcome } from "./cases.js";
import { cases, skipped } from "./providers.js";

const urls = JSON.parse(new URLSearchParams(location.search).get("urls") ?? "{}") as Record<
  string,
  string
>;

/** One call to make: a library's hook on a provider's client, as the README makes the call or
 * made to fail. */
interface Run {
  hook: HookCase;
  call: "ok" | "fail";
  marker: string;
}

const runs: Run[] = cases.flatMap((hook) =>
  (hook.failureStatus === null ? (["ok"] as const) : (["ok", "fail"] as const)).map((call) => ({
    hook,
    call,
    marker: `${hook.provider} ${hook.library} ${call}`,
  })),
);

/** An Error as text (JSON would make it `{}`); anything else as it is. */
const shown = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : error;

function Call({
  run,
  baseUrl,
  onSettled,
}: {
  run: Run;
  baseUrl: string;
  onSettled: (outcome: HookOutcome) => void;
}) {
  const { status, data, error } = run.hook.use(baseUrl, run.call === "fail", run.marker);
  useEffect(() => {
    if (status !== "success" && status !== "error") return;
    onSettled({
      provider: run.hook.provider,
      library: run.hook.library,
      operation: run.hook.operation,
      call: run.call,
      marker: run.marker,
      status,
      data,
      error: shown(error),
      errorIsError: error instanceof Error,
    });
    // Reported once per settled state (onSettled only records it, so it is no dependency).
  }, [status, data, error]);
  return (
    <li data-marker={run.marker} data-status={status}>
      {run.marker}: {status}
    </li>
  );
}

function App() {
  const [outcomes, setOutcomes] = useState<Record<string, HookOutcome>>({});
  const missing = [...new Set(runs.map((run) => run.hook.provider))].filter((p) => !urls[p]);
  if (missing.length > 0)
    return (
      <pre id="outcome" data-state="failed">
        no base URL for {missing.join(", ")}
      </pre>
    );
  const waiting = runs.filter((run) => !outcomes[run.marker]).map((run) => run.marker);
  const record = (outcome: HookOutcome) =>
    setOutcomes((before) => ({ ...before, [outcome.marker]: outcome }));
  return (
    <>
      <ul>
        {runs.map((run) => (
          <Call key={run.marker} run={run} baseUrl={urls[run.hook.provider]!} onSettled={record} />
        ))}
      </ul>
      <pre id="outcome" data-state={waiting.length === 0 ? "done" : "running"}>
        {waiting.length === 0
          ? JSON.stringify({ outcomes: runs.map((run) => outcomes[run.marker]), skipped })
          : `waiting for: ${waiting.join("; ")}`}
      </pre>
    </>
  );
}

// No retries: a failing call is to surface its error at once.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

const container = document.getElementById("root")!;
createRoot(container, {
  onUncaughtError(error) {
    container.innerHTML = '<pre id="outcome" data-state="failed"></pre>';
    container.firstElementChild!.textContent = String(shown(error));
  },
}).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SWRConfig value={{ shouldRetryOnError: false, revalidateOnFocus: false }}>
        <App />
      </SWRConfig>
    </QueryClientProvider>
  </StrictMode>,
);
