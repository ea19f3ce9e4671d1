// The browser consumer's page, served from its own origin on loopback and run in Debian's
// headless Chromium, driven by playwright-core.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { freePort } from "@apiclients/testing";
import type { Exchange } from "./outcomes.js";

/** CHROMIUM_PATH when set, otherwise Debian's package. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Installs Debian's chromium when it is missing and we may (root: CI and fresh machines here);
 * otherwise says how. Resolves with what happened, for the report.
 */
export function ensureChromium(progress: (line: string) => void): "present" | "installed" {
  const path = chromiumPath();
  if (existsSync(path)) return "present";
  if (process.env.CHROMIUM_PATH)
    throw new Error(`CHROMIUM_PATH is ${path}, and there is no such file`);
  if (process.getuid?.() !== 0)
    throw new Error(
      "Chromium is not installed: run `sudo apt-get install chromium` (Debian's package), " +
        "or set CHROMIUM_PATH to a Chromium or Chrome binary",
    );
  progress("installing Debian's chromium package (apt-get)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (...args: string[]) =>
    execFileSync("apt-get", args, { env, stdio: ["ignore", "pipe", "pipe"] });
  apt("update", "-qq");
  apt("install", "-y", "-qq", "--no-install-recommends", "chromium");
  if (!existsSync(path)) throw new Error(`apt-get installed chromium, but ${path} is not there`);
  return "installed";
}

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/** Serves exactly the named files of `dir` on 127.0.0.1; anything else is 404. */
export async function serveFiles(dir: string, files: Record<string, string>): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const name = new URL(request.url ?? "/", "http://localhost").pathname.slice(1) || "index.html";
    const type = files[name];
    if (request.method !== "GET" || !type) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    response.end(readFileSync(join(dir, name)));
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface PageRun {
  state: "done" | "failed" | "timed out";
  /** The page's #outcome text: the outcomes as JSON, or the error. */
  text: string;
  /** Console errors and failed requests, which explain a failure. */
  problems: string[];
  browserVersion: string;
  /** The requests that carried `record` (RunOptions), with their answers, in order. */
  exchanges: Exchange[];
}

export interface RunOptions {
  timeoutMs?: number;
  /** A request header: each request that carries it is recorded with its answer. */
  record?: string;
}

// Headless, and nothing that reaches beyond loopback or keeps state between runs.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Opens `url` and waits for the page to say it is done (or failed). */
export async function runPage(
  url: string,
  { timeoutMs = 60_000, record }: RunOptions = {},
): Promise<PageRun> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) =>
      problems.push(`request failed: ${request.method()} ${request.url()}`),
    );
    // What the page sent and got, as the browser saw it: headers as they went, bodies as they
    // came (a CORS preflight carries no such header, so it is not recorded).
    const recorded: Array<Promise<Exchange>> = [];
    if (record)
      page.on("response", (response) => {
        const request = response.request();
        recorded.push(
          (async () => {
            const headers = await request.allHeaders();
            const body = await response.text().catch(() => "");
            return {
              call: headers[record] ?? "",
              method: request.method(),
              url: request.url(),
              requestHeaders: headers,
              status: response.status(),
              body,
            };
          })(),
        );
      });
    await page.goto(url);
    const outcome = page.locator("#outcome:not([data-state=running])");
    const state = await outcome
      .waitFor({ timeout: timeoutMs })
      .then(() => outcome.getAttribute("data-state"))
      .catch(() => "timed out");
    const text =
      (await page
        .locator("#outcome")
        .textContent({ timeout: 1_000 })
        .catch(() => "")) ?? "";
    const exchanges = (await Promise.all(recorded)).filter((exchange) => exchange.call !== "");
    return {
      state: state === "done" || state === "failed" ? state : "timed out",
      text,
      problems,
      browserVersion: browser.version(),
      exchanges,
    };
  } finally {
    await browser.close();
  }
}
