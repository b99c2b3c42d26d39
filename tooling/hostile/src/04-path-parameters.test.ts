// Item 4: a path parameter that would change which endpoint a call reaches (`..`, `.`, empty, their
// percent-encodings, missing) is refused with InvalidRequestError before any I/O; ordinary ids still go out.
import { createConfluentClient, unwrap } from "@idclients/confluent";
import { createInfisicalClient } from "@idclients/infisical";
import { describe, expect, it } from "vitest";
import { expectError, FAST, settle, useServers } from "./harness.js";
import { basicCanary, expectNoSecret } from "./secrets.js";
import { json, text } from "./server.js";

const s = useServers();

/** `undefined` stands for a parameter left out. */
const HOSTILE: (string | undefined)[] = ["..", ".", "", "%2e%2e", "%2E.", undefined, "%2e", ".%2E", "%2E%2E"];
const label = (value: string | undefined) => (value === undefined ? "(missing)" : JSON.stringify(value));

function confluent() {
  const basic = basicCanary();
  return {
    basic,
    client: createConfluentClient({ baseUrl: s.server.url, auth: { "cloud-api-key": basic }, ...FAST }),
  };
}

/**
 * The message names the parameter, never its value: a percent-encoded value must not appear at all; a
 * bare `.`/`..` may appear in a generic explanation ("a dot segment (. or ..)"), but never quoted as input.
 */
function expectValueNotQuoted(message: string, value: string | undefined) {
  if (value === undefined || value === "") return;
  if (value.includes("%")) expect(message).not.toContain(value);
  for (const quoted of [`"${value}"`, `'${value}'`, `\`${value}\``, `: ${value}`, `= ${value}`]) {
    expect(message).not.toContain(quoted);
  }
}

describe("4. hostile path parameters never leave the client", () => {
  it.each(HOSTILE.map((v) => [label(v), v] as const))(
    "DELETE …/identity-providers/{provider_id}/identity-pools/{id} with provider_id %s -> InvalidRequestError",
    async (_label, value) => {
      const { client, basic } = confluent();
      s.server.fallback(text(204, ""));
      const call = client.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        params: { path: { provider_id: value as string, id: "pool-1" } },
      });
      const error = expectError(await settle(unwrap(call)), "InvalidRequestError", {
        parameter: "provider_id",
      });
      expectValueNotQuoted(error.message, value);
      expect(s.server.requests).toEqual([]);
      expectNoSecret([error], [basic]);
    },
  );

  it.each(HOSTILE.map((v) => [label(v), v] as const))(
    "DELETE …/identity-providers/{provider_id}/identity-pools/{id} with id %s -> InvalidRequestError",
    async (_label, value) => {
      const { client } = confluent();
      s.server.fallback(text(204, ""));
      const call = client.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        params: { path: { provider_id: "op-1", id: value as string } },
      });
      const error = expectError(await settle(unwrap(call)), "InvalidRequestError", { parameter: "id" });
      expectValueNotQuoted(error.message, value);
      expect(s.server.requests).toEqual([]);
    },
  );

  it.each(HOSTILE.map((v) => [label(v), v] as const))(
    "GET /iam/v2/identity-providers/{id} with id %s -> InvalidRequestError",
    async (_label, value) => {
      const { client } = confluent();
      s.server.fallback(
        json(200, { id: "op-1", api_version: "iam/v2", kind: "IdentityProviderList", data: [] }),
      );
      const call = client.GET("/iam/v2/identity-providers/{id}", {
        params: { path: { id: value as string } },
      });
      const error = expectError(await settle(unwrap(call)), "InvalidRequestError", { parameter: "id" });
      expectValueNotQuoted(error.message, value);
      expect(s.server.requests).toEqual([]);
    },
  );

  it.each([
    ["..", ".."],
    ["%2e%2e", "%2e%2e"],
    ["(missing)", undefined],
  ] as const)(
    "Infisical DELETE …/identities/{identityId} with identityId %s -> InvalidRequestError",
    async (_label, value) => {
      const infisical = createInfisicalClient({
        baseUrl: s.server.url,
        auth: { bearerAuth: "tok-1234" },
        ...FAST,
      });
      s.server.fallback(json(200, {}));
      const call = infisical.DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: value as string } },
      });
      expectError(await settle(unwrap(call)), "InvalidRequestError", { parameter: "identityId" });
      expect(s.server.requests).toEqual([]);
    },
  );
});

describe("4. ordinary ids still go out", () => {
  it.each([
    ["op-1", "pool-a.b"],
    ["a..b", "pool-1"],
    ["op-1", "a..b"],
    ["op.1", "..pool"],
  ])("DELETE with provider_id %s and id %s reaches the server verbatim", async (providerId, id) => {
    const { client } = confluent();
    s.server.fallback(text(204, ""));
    const call = client.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
      params: { path: { provider_id: providerId, id } },
    });
    expect(await settle(unwrap(call))).toMatchObject({ kind: "resolved" });
    expect(s.server.requests.map((r) => [r.method, r.path])).toEqual([
      ["DELETE", `/iam/v2/identity-providers/${providerId}/identity-pools/${id}`],
    ]);
  });

  it.each(["op-1", "pool-a.b", "a..b"])(
    "GET /iam/v2/identity-providers/%s reaches the server verbatim",
    async (id) => {
      const { client } = confluent();
      s.server.fallback(json(200, { id }));
      expect(
        await settle(unwrap(client.GET("/iam/v2/identity-providers/{id}", { params: { path: { id } } }))),
      ).toMatchObject({ kind: "resolved", value: { id } });
      expect(s.server.requests.map((r) => r.path)).toEqual([`/iam/v2/identity-providers/${id}`]);
    },
  );
});
