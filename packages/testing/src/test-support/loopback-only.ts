// A global fetch for tests that refuses every host but 127.0.0.1 and records what was refused, so a
// test can assert that nothing (a token helper's mint included) tried to leave the machine.

/** Replaces `globalThis.fetch` until `restore()`; `elsewhere` lists the hosts it refused. */
export function loopbackOnlyFetch(): { elsewhere: string[]; restore(): void } {
  const real = globalThis.fetch;
  const elsewhere: string[] = [];
  globalThis.fetch = (input: Request | string | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== "127.0.0.1") {
      elsewhere.push(url.host);
      return Promise.reject(new TypeError("fetch failed (the test allows 127.0.0.1 only)"));
    }
    return real(input, init);
  };
  return {
    elsewhere,
    restore: () => {
      globalThis.fetch = real;
    },
  };
}
