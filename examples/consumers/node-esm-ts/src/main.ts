// A Node ESM project in strict TypeScript (module and moduleResolution NodeNext).
//   node dist/main.js '{"<provider>": "<base URL>", …}'
import { callEveryProvider } from "./scenario.js";

const [urls] = process.argv.slice(2);
if (!urls) {
  console.error(`usage: node dist/main.js '{"<provider>": "<base URL>", …}'`);
  process.exit(2);
}
console.log(JSON.stringify(await callEveryProvider(JSON.parse(urls) as Record<string, string>)));
