// Item 10: a list walk that would never end (the server hands out a page token it already gave) is a
// PaginationError, after at most one request more than needed to see the repeat.
import { createConfluentClient } from "@idclients/confluent";
import { describe, expect, it } from "vitest";
import { errorClass, FAST, settle, useServers } from "./harness.js";
import { basicCanary, expectNoSecret } from "./secrets.js";
import { type Handler, json } from "./server.js";

const s = useServers();

/** A page of identity providers whose `metadata.next` carries `token`. */
const page = (
  token: string,
  next = `https://api.confluent.cloud/iam/v2/identity-providers?page_token=${token}`,
): Handler =>
  json(200, {
    api_version: "iam/v2",
    kind: "IdentityProviderList",
    metadata: { next },
    data: [
      {
        id: `op-${token}`,
        display_name: "x",
        description: "",
        state: "ENABLED",
        issuer: "https://i",
        jwks_uri: "https://i/jwks",
      },
    ],
  });

/** Walks the list, giving up (instead of looping forever) after `cap` items. */
async function walk(client: ReturnType<typeof createConfluentClient>, cap = 25) {
  const items: unknown[] = [];
  const settled = await settle(
    (async () => {
      for await (const item of client.paginate("/iam/v2/identity-providers")) {
        items.push(item);
        if (items.length >= cap) return "gave up";
      }
      return "ended";
    })(),
    8_000,
  );
  return { items, settled };
}

function expectPaginationError(settled: Awaited<ReturnType<typeof walk>>["settled"]) {
  const Class = errorClass("PaginationError");
  if (settled.kind !== "rejected") {
    expect.fail(
      `expected PaginationError, but the walk ${settled.kind === "resolved" ? `${settled.value} (${s.server.requests.length} requests)` : "was still pending"}`,
    );
  }
  expect(Class, "PaginationError is exported").toBeDefined();
  if (Class) expect(settled.error).toBeInstanceOf(Class);
  return settled.error;
}

describe("10. paginate against a server that repeats its page token", () => {
  it("every page has metadata.next with the same page_token -> PaginationError after at most 2 requests", async () => {
    const basic = basicCanary();
    s.server.route("GET", "/iam/v2/identity-providers", page("SAME"));
    const client = createConfluentClient({
      baseUrl: s.server.url,
      auth: { "cloud-api-key": basic },
      ...FAST,
    });
    const { settled } = await walk(client);
    const error = expectPaginationError(settled);
    expect(s.server.requests.length).toBeLessThanOrEqual(2);
    expect(s.server.requests[1]?.path).toBe("/iam/v2/identity-providers?page_token=SAME");
    expectNoSecret([error], [basic]);
  });

  it("a cycle A -> B -> A -> PaginationError after at most 3 requests", async () => {
    let n = 0;
    s.server.route("GET", "/iam/v2/identity-providers", (request, res, server) =>
      page(n++ % 2 === 0 ? "A" : "B")(request, res, server),
    );
    const client = createConfluentClient({
      baseUrl: s.server.url,
      auth: { "cloud-api-key": basicCanary() },
      ...FAST,
    });
    expectPaginationError((await walk(client)).settled);
    expect(s.server.requests.length).toBeLessThanOrEqual(3);
  });

  it("distinct tokens, then no next: the walk ends normally", async () => {
    s.server.queue(
      page("A"),
      page("B"),
      json(200, {
        api_version: "iam/v2",
        kind: "IdentityProviderList",
        metadata: {},
        data: [{ id: "op-last" }],
      }),
    );
    const client = createConfluentClient({
      baseUrl: s.server.url,
      auth: { "cloud-api-key": basicCanary() },
      ...FAST,
    });
    const { settled, items } = await walk(client);
    expect(settled).toMatchObject({ kind: "resolved", value: "ended" });
    expect(items).toHaveLength(3);
    expect(s.server.requests.map((r) => r.path)).toEqual([
      "/iam/v2/identity-providers",
      "/iam/v2/identity-providers?page_token=A",
      "/iam/v2/identity-providers?page_token=B",
    ]);
  });
});
