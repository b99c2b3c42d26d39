import type { Client } from "openapi-fetch";
import { wrapAsPathBasedClient } from "openapi-fetch";
import createQueryClient from "openapi-react-query";
import { describe, expectTypeOf, it } from "vitest";
import { type ConfluentClient, createConfluentClient, type paths, unwrap } from "./index.js";

declare const confluent: ConfluentClient;

describe("our client is an openapi-fetch client to the type checker", () => {
  it("is assignable to Client<paths>", () => {
    expectTypeOf(confluent).toMatchTypeOf<Client<paths>>();
    const asClient: Client<paths> = createConfluentClient();
    expectTypeOf(asClient).not.toBeAny();
  });

  it("fits openapi-react-query and wrapAsPathBasedClient", () => {
    const $api = createQueryClient(confluent);
    expectTypeOf($api.queryOptions).toBeFunction();
    const byPath = wrapAsPathBasedClient(confluent);
    expectTypeOf(byPath["/iam/v2/identity-providers/{id}"].GET).toBeFunction();
  });

  it("keeps open enums as strings and typed per-call options on direct calls", async () => {
    const { data } = await confluent.GET("/iam/v2/identity-providers/{id}", {
      params: { path: { id: "op-1" } },
      retry: { maxRetries: 1 },
      timeoutMs: 5000,
    });
    const state = data?.state;
    if (state !== undefined) {
      expectTypeOf(state).toMatchTypeOf<string>();
      expectTypeOf<"ENABLED">().toMatchTypeOf<typeof state>();
    }
  });

  it("unwrap returns the typed 2xx body (and never for something that is not a call result)", async () => {
    const provider = await unwrap(
      confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-1" } } }),
    );
    expectTypeOf(provider.id).toEqualTypeOf<string>();
    expectTypeOf(unwrap(Promise.resolve(42))).resolves.toBeNever();
  });
});
