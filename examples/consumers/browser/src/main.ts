// A browser page: bundled with esbuild (platform browser), served from its own origin, calling
// the APIs cross-origin. The base URLs come from the page's query string.
import { deleteAndHandleNotFound } from "./scenario.js";

const query = new URLSearchParams(location.search);
const output = document.getElementById("outcome")!;

deleteAndHandleNotFound({ ampersand: query.get("ampersand")!, basic: query.get("basic")! }).then(
  (outcomes) => {
    output.textContent = JSON.stringify(outcomes);
    output.dataset.state = "done";
  },
  (error: unknown) => {
    output.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    output.dataset.state = "failed";
  },
);
