// A private npm registry for the release rehearsal: Verdaccio on loopback with empty storage, no
// uplinks (nothing is fetched from or sent to npmjs.org through it), and one user whose token
// may publish. Stopped with its storage removed.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { binPath, freePort } from "@apiclients/testing";
import { startServerProcess, type ServerProcess } from "./server-process.js";

export interface Registry extends ServerProcess {
  /** With a trailing slash, as npm writes registry URLs. */
  url: string;
  /** An npm user config (NPM_CONFIG_USERCONFIG) holding the publish token for this registry:
   * the token lives in that file only, never in an argument or an environment variable. */
  publisherConfig: string;
  /** The token, so a rehearsal can check that no output shows it. */
  token: string;
}

/** The scope the registry serves; everything else is not its business. */
export const SCOPE = "@apiclients";

function config(workDir: string): string {
  return stringify({
    storage: join(workDir, "storage"),
    auth: { htpasswd: { file: join(workDir, "htpasswd"), max_users: 1 } },
    // No uplinks: a package the rehearsal did not publish is not found here, so a consumer can
    // only get @apiclients/* from what we published.
    uplinks: {},
    packages: {
      [`${SCOPE}/*`]: { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
      "**": { access: "$all", publish: "$authenticated" },
    },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "warn" },
  });
}

/** Creates the registry's only user and returns its token. */
async function addPublisher(url: string): Promise<string> {
  const name = "rehearsal";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json", connection: "close" },
    body: JSON.stringify({ name, password: randomBytes(18).toString("base64url") }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token)
    throw new Error(`Verdaccio refused to add a user: HTTP ${response.status} ${body.error ?? ""}`);
  return body.token;
}

export async function startRegistry(): Promise<Registry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startServerProcess({
    label: "verdaccio",
    entry: binPath(import.meta.url, "verdaccio"),
    setup: (workDir) => {
      const configPath = join(workDir, "config.yaml");
      writeFileSync(configPath, config(workDir));
      return {
        args: ["--config", configPath, "--listen", `127.0.0.1:${port}`],
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", HOME: workDir },
      };
    },
    readyUrl: `${url}-/ping`,
    readyTimeoutMs: 30_000,
  });
  try {
    const token = await addPublisher(url);
    const publisherConfig = join(server.workDir, "publisher.npmrc");
    const host = url.replace(/^https?:/, "");
    writeFileSync(publisherConfig, `${host}:_authToken=${token}\n`, { mode: 0o600 });
    return { ...server, url, publisherConfig, token };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** What the registry holds for a package: its versions and dist-tags, or undefined. */
export async function packument(
  registry: Registry,
  name: string,
): Promise<{ versions: string[]; latest?: string } | undefined> {
  const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`, {
    headers: { connection: "close" },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`registry: GET ${name} answered HTTP ${response.status}`);
  const body = (await response.json()) as {
    versions: Record<string, unknown>;
    "dist-tags": Record<string, string>;
  };
  return { versions: Object.keys(body.versions).sort(), latest: body["dist-tags"].latest };
}
