import type { Client } from "openapi-fetch";
import { wrapAsPathBasedClient } from "openapi-fetch";
import createQueryClient from "openapi-react-query";
import { describe, expectTypeOf, it } from "vitest";
import { type ConfluentClient, createConfluentClient, type paths } from "./index.js";

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
});
