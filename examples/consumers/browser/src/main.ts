// A browser page: bundled with esbuild (platform browser), served from its own origin, calling
// the APIs cross-origin. The base URLs come from the page's query string: ?urls=<JSON object>.
import { callEveryProvider } from "./scenario.js";

const urls = JSON.parse(new URLSearchParams(location.search).get("urls") ?? "{}") as Record<
  string,
  string
>;
const output = document.getElementById("outcome")!;

callEveryProvider(urls).then(
  (outcomes) => {
    output.textContent = JSON.stringify(outcomes);
    output.dataset.state = "done";
  },
  (error: unknown) => {
    output.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    output.dataset.state = "failed";
  },
);
