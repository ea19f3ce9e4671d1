// A Node ESM project in strict TypeScript (module and moduleResolution NodeNext).
//   node dist/main.js <Ampersand base URL> <Basic base URL>
import { deleteAndHandleNotFound } from "./scenario.js";

const [ampersand, basic] = process.argv.slice(2);
if (!ampersand || !basic) {
  console.error("usage: node dist/main.js <Ampersand base URL> <Basic base URL>");
  process.exit(2);
}
console.log(JSON.stringify(await deleteAndHandleNotFound({ ampersand, basic })));
