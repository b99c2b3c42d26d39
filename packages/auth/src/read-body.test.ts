import { describe, expect, it } from "vitest";
import { MAX_FAILURE_BODY_BYTES, readBoundedText } from "./decode-failure.js";
import { readBounded } from "./read-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);

/** An endless body of `chunk`s that counts how often it was pulled and whether it was cancelled. */
function endless(chunk: string) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls += 1;
        controller.enqueue(bytes(chunk));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { state, response: new Response(stream) };
}

/** A body sent in the given chunks, then closed. */
function chunked(...chunks: string[]) {
  const state = { cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[index++];
        if (next === undefined) controller.close();
        else controller.enqueue(bytes(next));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { state, response: new Response(stream) };
}

describe("readBounded", () => {
  it("gives an empty complete text for a response without body", async () => {
    expect(await readBounded(new Response(null, { status: 204 }), 10)).toEqual({ text: "", complete: true });
  });

  it("reads a streamed body of exactly the limit as complete", async () => {
    const { response, state } = chunked("abc", "def", "ghij");
    expect(await readBounded(response, 10)).toEqual({ text: "abcdefghij", complete: true });
    expect(state.cancelled).toBe(false);
    expect(response.body?.locked).toBe(false);
  });

  it("cuts a streamed body one byte over the limit and cancels the rest", async () => {
    const { response, state } = chunked("abc", "def", "ghijk", "never-read");
    expect(await readBounded(response, 10)).toEqual({ text: "abcdefghij", complete: false });
    expect(state.cancelled).toBe(true);
    expect(response.body?.locked).toBe(false);
  });

  it("stops pulling an endless body once past the limit", async () => {
    const { response, state } = endless("1234");
    expect(await readBounded(response, 10)).toEqual({ text: "1234123412", complete: false });
    expect(state.pulls).toBe(3);
    expect(state.cancelled).toBe(true);
  });

  it("keeps only the limit when the first chunk is already too long", async () => {
    const { response, state } = endless("x".repeat(1000));
    const result = await readBounded(response, 7);
    expect(result).toEqual({ text: "xxxxxxx", complete: false });
    expect(state.pulls).toBe(1);
  });

  it("decodes UTF-8 across chunk boundaries", async () => {
    const euro = bytes("€"); // 3 bytes
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(euro.slice(0, 1));
        controller.enqueue(euro.slice(1));
        controller.close();
      },
    });
    expect(await readBounded(new Response(stream), 3)).toEqual({ text: "€", complete: true });
  });

  describe("Content-Length", () => {
    // A body that does not match its Content-Length shows which path was taken: the fast path reads it
    // all in one go (fetch itself enforces the length), the bounded path stops at the limit.
    const lying = (length: string) => new Response("abcdefghijkl", { headers: { "content-length": length } });

    it("reads a body whose declared length fits, up to exactly the limit, in one go", async () => {
      expect(await readBounded(lying("4"), 4)).toEqual({ text: "abcdefghijkl", complete: true });
      expect(await readBounded(lying("0"), 4)).toEqual({ text: "abcdefghijkl", complete: true });
    });

    it("reads with the bound when the declared length is over the limit", async () => {
      expect(await readBounded(lying("5"), 4)).toEqual({ text: "abcd", complete: false });
    });

    it.each(["4x", "-1", "", "4, 4", "4.0", "0x4"])(
      "reads with the bound when the declared length is %j",
      async (length) => {
        expect(await readBounded(lying(length), 4)).toEqual({ text: "abcd", complete: false });
      },
    );

    it("reads an honest body of exactly the limit as complete", async () => {
      const response = new Response("0123456789", { headers: { "content-length": "10" } });
      expect(await readBounded(response, 10)).toEqual({ text: "0123456789", complete: true });
    });
  });
});

describe("readBounded without keepPrefix", () => {
  /** A body that counts pulls, declared with the given Content-Length. */
  function declared(length: string | undefined, text: string) {
    const state = { pulls: 0, cancelled: false };
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          state.pulls += 1;
          controller.enqueue(bytes(text));
          controller.close();
        },
        cancel() {
          state.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const headers: Record<string, string> = length === undefined ? {} : { "content-length": length };
    return { state, response: new Response(stream, { headers }) };
  }

  it("reads nothing of a body whose declared length is over the limit, and cancels it", async () => {
    const { response, state } = declared("11", "abcdefghijk");
    expect(await readBounded(response, 10, false)).toEqual({ text: "", complete: false });
    expect(state.pulls).toBe(0);
    expect(state.cancelled).toBe(true);
  });

  it("reads a body whose declared length fits, up to exactly the limit", async () => {
    const { response } = declared("10", "abcdefghij");
    expect(await readBounded(response, 10, false)).toEqual({ text: "abcdefghij", complete: true });
  });

  it("reads an undeclared or oddly declared body up to the limit as usual", async () => {
    for (const length of [undefined, "ten"]) {
      const { response } = declared(length, "abcdefghijk");
      expect(await readBounded(response, 10, false)).toEqual({ text: "abcdefghij", complete: false });
    }
  });

  it("keeps the prefix of an over-declared body by default", async () => {
    const { response, state } = declared("11", "abcdefghijk");
    expect(await readBounded(response, 10)).toEqual({ text: "abcdefghij", complete: false });
    expect(state.pulls).toBe(1);
  });
});

describe("readBoundedText", () => {
  it("reads at most MAX_FAILURE_BODY_BYTES by default, and the given limit otherwise", async () => {
    expect(MAX_FAILURE_BODY_BYTES).toBe(1_048_576);
    const big = "z".repeat(MAX_FAILURE_BODY_BYTES + 1);
    expect(await readBoundedText(new Response(big))).toBe(big.slice(0, MAX_FAILURE_BODY_BYTES));
    expect(await readBoundedText(new Response("abcdef"), 3)).toBe("abc");
  });
});
