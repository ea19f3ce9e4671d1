// Lists projects: GET /projects is in Ampersand's full API, not in the one-operation spec the
// first release was built from, so this compiles only against a release that has it.
//   node dist/projects.js <Ampersand base URL>
import { createAmpersandClient, unwrap } from "@apiclients/ampersand";

const [baseUrl] = process.argv.slice(2);
const client = createAmpersandClient({ apiKey: "rehearsal-key", baseUrl });
const projects = await unwrap(client.GET("/projects"));
console.log(JSON.stringify({ projects: projects.map((project) => project.name) }));
