import { ApiError, createIcaClient, icaJwt, unwrap } from "@idclients/ica";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IcaFake, startIca } from "./ica.js";

let fake: IcaFake;
beforeAll(async () => {
  fake = await startIca({ tokenLifetimeSeconds: 600 });
  fake.addUser({ username: "multi@example.com", password: "pw-multi-1", tenants: ["lab-a", "lab-b"] });
  fake.addUser({ username: "sso@example.com", password: "pw-sso-1", sso: true });
});
afterAll(() => fake.close());

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("createJwtToken", () => {
  it("mints a signed JWT with exp from an API key, Basic credentials and a psToken", async () => {
    for (const [auth, kind] of [
      [{ ApiKeyAuth: fake.apiKey }, "apiKey"],
      [{ BasicAuth: fake.basic }, "basic"],
      [{ PsTokenAuth: fake.psToken }, "psToken"],
    ] as const) {
      const ica = createIcaClient({ baseUrl: fake.url, auth, retry: false });
      const { data, response } = await ica.POST("/api/tokens", {});
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/vnd.illumina.v3+json");
      const claims = decodeJwt(data?.token ?? "");
      expect(Number(claims.exp) - Number(claims.iat)).toBe(600);
      expect(fake.issuedTokens().at(-1)?.mintedWith).toBe(kind);
    }
    expect(fake.requests.last("createJwtToken")?.headers["x-api-key"]).toBeUndefined();
  });

  it("honours tenant for Basic users and refuses SSO users and foreign tenants with 403", async () => {
    const multi = createIcaClient({
      baseUrl: fake.url,
      auth: { BasicAuth: { username: "multi@example.com", password: "pw-multi-1" } },
      retry: false,
    });
    const minted = await unwrap(multi.POST("/api/tokens", { params: { query: { tenant: "lab-b" } } }));
    expect(decodeJwt(minted.token).tenant).toBe("lab-b");
    const foreign = await failureOf(
      unwrap(multi.POST("/api/tokens", { params: { query: { tenant: "lab-z" } } })),
    );
    expect(foreign.status).toBe(403);
    const sso = createIcaClient({
      baseUrl: fake.url,
      auth: { BasicAuth: { username: "sso@example.com", password: "pw-sso-1" } },
      retry: false,
    });
    expect((await failureOf(unwrap(sso.POST("/api/tokens", {})))).status).toBe(403);
  });

  it("answers bad credentials with a 401 problem+json document", async () => {
    const ica = createIcaClient({ baseUrl: fake.url, auth: { ApiKeyAuth: "not-a-key" }, retry: false });
    const error = await failureOf(unwrap(ica.POST("/api/tokens", {})));
    expect(error.status).toBe(401);
    expect(error.headers?.get("content-type")).toBe("application/problem+json");
    expect(error.body).toMatchObject({ type: "about:blank", status: 401, parameters: {}, method: "POST" });
    expect(JSON.stringify(error.body)).not.toContain("not-a-key");
  });

  it("refuses an Accept header without the vendor type (ICA_API_004) and unknown parameters", async () => {
    const accept = await fetch(`${fake.url}/api/tokens`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, accept: "application/problem+json" },
    });
    expect(accept.status).toBe(400);
    expect(await accept.json()).toMatchObject({ title: "ICA_API_004", detail: "Invalid Accept Header" });

    const unknown = await fetch(`${fake.url}/api/tokens?colour=blue`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, accept: "application/vnd.illumina.v3+json" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    expect(((await unknown.json()) as { parameters: Record<string, string> }).parameters).toHaveProperty(
      "colour",
    );
  });
});

describe("refreshJwtToken", () => {
  it("extends a Basic-minted JWT and refuses one minted from an API key", async () => {
    const basicJwt = await unwrap(
      createIcaClient({ baseUrl: fake.url, auth: { BasicAuth: fake.basic }, retry: false }).POST(
        "/api/tokens",
        {},
      ),
    );
    const refreshed = await unwrap(
      createIcaClient({ baseUrl: fake.url, auth: { JwtAuth: basicJwt.token }, retry: false }).POST(
        "/api/tokens:refresh",
        {},
      ),
    );
    expect(refreshed.token).not.toBe(basicJwt.token);
    const last = fake.issuedTokens().at(-1);
    expect(last?.refreshedFrom).toBe(decodeJwt(basicJwt.token).jti);

    const keyJwt = await unwrap(
      createIcaClient({ baseUrl: fake.url, auth: { ApiKeyAuth: fake.apiKey }, retry: false }).POST(
        "/api/tokens",
        {},
      ),
    );
    const refused = await failureOf(
      unwrap(
        createIcaClient({ baseUrl: fake.url, auth: { JwtAuth: keyJwt.token }, retry: false }).POST(
          "/api/tokens:refresh",
          {},
        ),
      ),
    );
    expect(refused.status).toBe(403);
    expect(refused.detail).toContain("API key");
  });

  it("refuses revoked, expired and foreign JWTs with 401", async () => {
    const minted = await unwrap(
      createIcaClient({ baseUrl: fake.url, auth: { PsTokenAuth: fake.psToken }, retry: false }).POST(
        "/api/tokens",
        {},
      ),
    );
    fake.revokeToken(String(decodeJwt(minted.token).jti));
    const refresh = (jwt: string) =>
      unwrap(
        createIcaClient({ baseUrl: fake.url, auth: { JwtAuth: jwt }, retry: false }).POST(
          "/api/tokens:refresh",
          {},
        ),
      );
    expect((await failureOf(refresh(minted.token))).status).toBe(401);

    const shortLived = await startIca({ tokenLifetimeSeconds: -1 });
    try {
      const expired = await unwrap(
        createIcaClient({
          baseUrl: shortLived.url,
          auth: { BasicAuth: shortLived.basic },
          retry: false,
        }).POST("/api/tokens", {}),
      );
      const error = await failureOf(
        unwrap(
          createIcaClient({
            baseUrl: shortLived.url,
            auth: { JwtAuth: expired.token },
            retry: false,
          }).POST("/api/tokens:refresh", {}),
        ),
      );
      expect(error.status).toBe(401);
      expect(error.detail).toContain("expired");
      // A JWT from another ICA fake was not signed by this one.
      expect((await failureOf(refresh(expired.token))).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });

  it("works with the icaJwt token provider: API-key JWTs are minted again instead of refreshed", async () => {
    const refreshesBefore = fake.requests.count("refreshJwtToken");
    const mintsBefore = fake.requests.count("createJwtToken");
    const provider = icaJwt({ apiKey: fake.apiKey, baseUrl: fake.url, retry: false });
    const first = await provider.getToken();
    provider.invalidate(first);
    const second = await provider.getToken();
    expect(second).not.toBe(first);
    expect(fake.requests.count("createJwtToken")).toBe(mintsBefore + 2);
    expect(fake.requests.count("refreshJwtToken")).toBe(refreshesBefore);
  });
});
