// `pnpm specs:sync` (scripts/specs-sync.ts), in-process on fixture repositories, against a real
// HTTP server on loopback that plays both an honest provider and hostile ones. No test sleeps:
// the one deadline that expires comes from a clock the test fires itself, once the server has
// shown it is hanging.
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { main as generate } from "../generate.js";
import { main as specsSync } from "../specs-sync.js";
import type { Clock } from "../lib/sync/fetch.js";
import { callMain } from "./support/in-process.js";
import {
  fixtureEntry,
  fixtureRepo,
  fixtureSpec,
  getThing,
  type FixtureRepo,
} from "./support/fixture-repo.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A deadline clock whose timeouts expire only when the test says so. */
function manualClock(): Clock & { expire(): void } {
  const pending: AbortController[] = [];
  return {
    timeout() {
      const controller = new AbortController();
      pending.push(controller);
      return controller.signal;
    },
    expire() {
      for (const c of pending.splice(0))
        c.abort(new DOMException("The operation timed out.", "TimeoutError"));
    },
  };
}

const clock = manualClock();
const MAX_BYTES = 64 * 1024;
const limits = { timeoutMs: 5_000, maxBytes: MAX_BYTES, maxRedirects: 3 };
let server: Server;
let base: string;
/** The headers of every request, by path, to check what sync sends. */
const seen = new Map<string, IncomingHttpHeaders>();
/** The body the /alpha.json route serves; tests set it. */
let published = "";

const json = (res: ServerResponse, status: number, body: string, type = "application/json") =>
  res.writeHead(status, { "content-type": type, connection: "close" }).end(body);
const redirect = (res: ServerResponse, location: string, extra: Record<string, string> = {}) =>
  res.writeHead(302, { location, connection: "close", ...extra }).end();

const routes: Record<string, (res: ServerResponse) => void> = {
  "/alpha.json": (res) => json(res, 200, published),
  // Provider "same" publishes exactly its committed spec (fixtureRepo writes it with stringify).
  "/same.yaml": (res) => json(res, 200, stringify(fixtureSpec("same")), "application/yaml"),
  "/error": (res) => json(res, 500, '{"message":"boom"}'),
  "/login": (res) =>
    json(res, 200, "<!DOCTYPE html><html><body><form>Sign in</form></body></html>", "text/html"),
  "/package.json": (res) =>
    json(res, 200, JSON.stringify({ name: "not-a-spec", version: "1.0.0" })),
  "/swagger": (res) =>
    json(
      res,
      200,
      JSON.stringify({ swagger: "2.0", info: { title: "t", version: "1" }, paths: {} }),
    ),
  "/invalid": (res) => {
    const spec = fixtureSpec("invalid") as Record<string, unknown>;
    delete spec.info;
    json(res, 200, JSON.stringify(spec));
  },
  "/cut-json": (res) => json(res, 200, JSON.stringify(fixtureSpec("cut")).slice(0, 120)),
  "/bad-yaml": (res) => json(res, 200, "openapi: 3.0.3\ninfo: [unclosed\n", "application/yaml"),
  // Declares more than it sends, then hangs up: a connection lost mid-body.
  "/truncated": (res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
    res.write(JSON.stringify(fixtureSpec("truncated")).slice(0, 200));
    setImmediate(() => res.destroy());
  },
  "/oversize-declared": (res) => {
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": `${MAX_BYTES + 1}`,
    });
    res.end("{}"); // never read: the declared length is enough to refuse
  },
  "/oversize-streamed": (res) => {
    res.writeHead(200, { "content-type": "application/json" }); // chunked, no length to trust
    res.end(`{"openapi":"3.0.3","padding":"${"x".repeat(MAX_BYTES)}"}`);
  },
  "/hang": (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"openapi":'); // …and nothing more, until the deadline
    cleanups.push(() => res.destroy());
    setImmediate(() => clock.expire());
  },
  "/to-other-host": (res) => redirect(res, "http://specs.example.test/alpha.json"),
  "/loop": (res) => redirect(res, "/loop-2"),
  "/loop-2": (res) => redirect(res, "/loop"),
  "/long-chain": (res) => redirect(res, "/chain-1"),
  "/chain-1": (res) => redirect(res, "/chain-2"),
  "/chain-2": (res) => redirect(res, "/chain-3"),
  "/chain-3": (res) => redirect(res, "/chain-4"),
  "/chain-4": (res) => redirect(res, "/alpha.json"),
  // A cookie and a relative redirect: sync follows it, and sends the cookie nowhere.
  "/moved": (res) => redirect(res, "/same.yaml", { "set-cookie": "session=secret; Path=/" }),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    seen.set(path, req.headers);
    (routes[path] ?? ((r: ServerResponse) => json(r, 404, "{}")))(res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

/** A fixture repository whose providers take their sources from `sources` (name → route). */
function repoWithSources(sources: Record<string, string | undefined>, git = true): FixtureRepo {
  const entries = Object.entries(sources).map(([name, route]) => ({
    ...fixtureEntry(name),
    ...(route === undefined ? {} : { source: route.includes("://") ? route : base + route }),
  }));
  // No package.json files: `pnpm generate` makes the packages, as it does for a new provider.
  const repo = fixtureRepo(Object.keys(sources), { entries, git, packages: false });
  cleanups.push(repo.remove);
  return repo;
}

const sync = (repo: FixtureRepo, ...argv: string[]) =>
  callMain((args, root) => specsSync(args, root, { limits, clock }), argv, repo.root);

/** alpha's fixture spec with one more operation, as a provider would publish it: JSON. */
const withGetThing = () => {
  const spec = fixtureSpec("alpha");
  spec.paths["/things/{id}"]!.get = getThing;
  return `${JSON.stringify(spec, null, 2)}\n`;
};

describe("specs:sync against hostile sources", () => {
  const hostile: Record<string, [string, RegExp]> = {
    error: ["/error", /answered 500 Internal Server Error/],
    login: ["/login", /HTML page \(a login or error page\?\), not an OpenAPI document/],
    notopenapi: ["/package.json", /not OpenAPI 3\.x: the "openapi" field is missing/],
    swagger: ["/swagger", /Swagger 2\.0 is not supported/],
    invalid: ["/invalid", /not a valid OpenAPI 3\.0\.3 document \(1 problem\): #\/: .*`info`/],
    cutjson: ["/cut-json", /invalid JSON: /],
    badyaml: ["/bad-yaml", /invalid YAML at line \d+, column \d+: /],
    truncated: ["/truncated", /closed the connection before the whole body arrived/],
    declared: ["/oversize-declared", /the body is 65537 bytes, over the 64 KiB limit/],
    streamed: ["/oversize-streamed", /the body is over the 64 KiB limit/],
    hanging: ["/hang", /no complete answer within 5 s/],
    otherhost: [
      "/to-other-host",
      /redirected to http:\/\/specs\.example\.test\/alpha\.json: .*only https/,
    ],
    loop: ["/loop", /redirect loop at http:\/\/127\.0\.0\.1:\d+\/loop/],
    chain: ["/long-chain", /more than 3 redirects/],
  };

  it("refuses each with the provider and the reason, touches none of their files, and still does the others", async () => {
    const repo = repoWithSources(
      {
        ...Object.fromEntries(Object.entries(hostile).map(([name, [route]]) => [name, route])),
        same: "/same.yaml",
        manual: undefined,
      },
      false,
    ); // nothing changes, so no baseline is needed: no git
    const before = (name: string) => [
      repo.read(`specs/${name}.yaml`),
      repo.exists(`packages/${name}/src/generated`),
    ];
    const snapshot = Object.fromEntries(Object.keys(hostile).map((n) => [n, before(n)]));

    const { code, output } = await sync(repo);

    expect(code).toBe(1);
    const lines = output.split("\n");
    for (const [name, [, reason]] of Object.entries(hostile)) {
      const line = lines.find((l) => l.startsWith(`✖ ${name}: failed: `));
      expect({ name, line }).toEqual({ name, line: expect.stringMatching(reason) });
      expect(before(name)).toEqual(snapshot[name]);
      expect(repo.exists(`.changeset/spec-${name}.md`)).toBe(false);
    }
    // The others were still done: one line per provider, in manifest order.
    expect(lines.filter((l) => /^[•✔✖] /.test(l))).toHaveLength(Object.keys(hostile).length + 2);
    expect(output).toContain("• same: unchanged");
    expect(output).toContain("• manual: skipped (no source in scripts/providers.json)");
  });

  it("sends no cookie, credentials or token, even to where it is redirected", async () => {
    const repo = repoWithSources({ same: "/moved" }, false);
    seen.clear();

    const { code, output } = await sync(repo);

    expect({ code, output }).toEqual({ code: 0, output: "• same: unchanged" });
    for (const path of ["/moved", "/same.yaml"]) {
      const headers = seen.get(path)!;
      expect(headers).toBeDefined();
      expect(Object.keys(headers).filter((h) => /cookie|authorization|token/i.test(h))).toEqual([]);
    }
  });
});

describe("specs:sync from a loopback source", () => {
  it("writes a changed spec as published, regenerates its package and writes a minor changeset", async () => {
    const repo = repoWithSources({ alpha: "/alpha.json", beta: undefined });
    await callMain(generate, [], repo.root);
    repo.commit("generated");
    published = withGetThing();
    const report = join(repo.root, "sync-report.json");

    const { code, output } = await sync(repo, "--json", report);

    expect(code).toBe(0);
    expect(output.split("\n")).toEqual([
      "✔ alpha: changed (minor, 1 change)",
      "• beta: skipped (no source in scripts/providers.json)",
    ]);
    expect(repo.read("specs/alpha.yaml")).toBe(published); // JSON, byte for byte, at the .yaml path
    expect(repo.read("packages/alpha/src/generated/schema.ts")).toContain("getThing");
    expect((await callMain(generate, ["--check"], repo.root)).code).toBe(0);
    const changeset = repo.read(".changeset/spec-alpha.md");
    expect(changeset.startsWith(`---\n"@apiclients/alpha": minor\n---\n`)).toBe(true);
    expect(changeset).toContain("- [Added] operation GET /things/{id}");

    const [alpha, beta] = (
      JSON.parse(readFileSync(report, "utf8")) as { providers: Array<Record<string, unknown>> }
    ).providers;
    expect(alpha).toMatchObject({
      name: "alpha",
      status: "changed",
      bump: "minor",
      changes: 1,
      changeset: ".changeset/spec-alpha.md",
      title: "alpha: spec update from its source (minor)",
    });
    expect(alpha!.body).toContain("**minor**: 1 change since the last release");
    expect(alpha!.body).toContain("- [Added] operation GET /things/{id}");
    expect(beta).toMatchObject({ name: "beta", status: "skipped", body: null });

    // Once in place, the same source is unchanged, and nothing is rewritten.
    expect((await sync(repo, "alpha")).output).toBe("• alpha: unchanged");
  });

  it("restores the spec when the generator refuses the new one", async () => {
    const repo = repoWithSources({ alpha: "/alpha.json" });
    await callMain(generate, [], repo.root);
    repo.commit("generated");
    const spec = fixtureSpec("alpha");
    delete (spec as Record<string, unknown>).servers; // valid OpenAPI, but no base URL to give
    published = JSON.stringify(spec);
    const committed = repo.read("specs/alpha.yaml");

    const { code, output } = await sync(repo);

    expect(code).toBe(1);
    expect(output).toMatch(/^✖ alpha: failed: .*servers\[0\]\.url is missing/);
    expect(repo.read("specs/alpha.yaml")).toBe(committed);
    expect(repo.exists(".changeset/spec-alpha.md")).toBe(false);
  });

  it.each([
    ["plain http to another host", "http://specs.example.test/a.json", /plain http: use https/],
    ["a user and password", "https://user:hunter2@specs.example.test/a.json", /credentials/],
    ["no URL at all", "user:hunter2@specs.example.test a.json", /is not a URL/],
  ])(
    "refuses a source with %s as a manifest error naming the entry and field, and never shows its credentials",
    async (_, source, reason) => {
      const repo = repoWithSources({ alpha: source, beta: "/alpha.json" }, false);
      const { code, output } = await sync(repo);
      expect(code).toBe(2);
      expect(output).toMatch(/^✖ scripts\/providers\.json: providers\[0\] \("alpha"\)\.source: /);
      expect(output).toMatch(reason);
      expect(output).not.toContain("hunter2");
      expect(output).not.toContain("beta"); // nothing was fetched or written
    },
  );

  it("rejects an unknown provider as a usage error", async () => {
    const repo = repoWithSources({ alpha: "/alpha.json" }, false);
    const { code, output } = await sync(repo, "gamma");
    expect(code).toBe(2);
    expect(output).toContain("Unknown provider gamma");
  });
});
