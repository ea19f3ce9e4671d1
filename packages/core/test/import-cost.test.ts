// Importing the client must not touch fetch's globals: on Node, the first read of Response,
// Request, Headers or fetch loads undici's fetch implementation (about 50 ms), a cost that
// belongs to the first call, not to the import (BENCHMARKS.md, cold start).
import { afterEach, expect, it, jest } from "@jest/globals";

const FETCH_GLOBALS = ["Response", "Request", "Headers", "fetch"] as const;
const originals = new Map<string, PropertyDescriptor>();

afterEach(() => {
  for (const [name, descriptor] of originals) Object.defineProperty(globalThis, name, descriptor);
  originals.clear();
});

it("reads none of fetch's globals while the module loads", async () => {
  const read: string[] = [];
  for (const name of FETCH_GLOBALS) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name)!;
    originals.set(name, descriptor);
    const value = descriptor.get ? descriptor.get.call(globalThis) : descriptor.value;
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get: () => {
        read.push(name);
        return value;
      },
    });
  }

  await jest.isolateModulesAsync(async () => {
    const core = await import("../src/index.js");
    expect(typeof core.createApiClient).toBe("function");
  });

  expect(read).toEqual([]);
});
