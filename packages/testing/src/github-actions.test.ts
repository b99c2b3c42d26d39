import { githubActionsIdToken, InvalidWorkloadJwtError } from "@idclients/auth/workload";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GithubActionsTokenEndpoint, startGithubActionsTokenEndpoint } from "./github-actions.js";
import { startOidcIssuer } from "./oidc-issuer.js";

let runner: GithubActionsTokenEndpoint;
beforeAll(async () => {
  runner = await startGithubActionsTokenEndpoint({ repository: "acme/deployer" });
});
afterAll(() => runner.close());

async function request(audience: string | undefined, authorization?: string, method = "GET") {
  const url = new URL(runner.requestUrl);
  if (audience !== undefined) url.searchParams.set("audience", audience);
  const response = await fetch(url, { method, headers: authorization ? { authorization } : {} });
  return { status: response.status, body: (await response.json()) as { value?: string; message?: string } };
}

describe("startGithubActionsTokenEndpoint", () => {
  it("answers { value } with a JWT for the audience, signed by the issuer, with GitHub's claims", async () => {
    const { status, body } = await request("confluent", `Bearer ${runner.requestToken}`);
    expect(status).toBe(200);
    const keys = createRemoteJWKSet(new URL(runner.issuer.jwksUri));
    const { payload, protectedHeader } = await jwtVerify(body.value ?? "", keys, {
      issuer: runner.issuer.url,
      audience: "confluent",
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT", kid: runner.issuer.currentKid });
    expect(payload).toMatchObject({
      iss: runner.issuer.url,
      aud: "confluent",
      sub: "repo:acme/deployer:ref:refs/heads/main",
      repository: "acme/deployer",
      repository_owner: "acme",
      ref: "refs/heads/main",
      ref_type: "branch",
    });
    expect(payload.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof payload.jti).toBe("string");
    expect(payload.exp).toBe((payload.iat ?? 0) + 300);
    expect(runner.issuedClaims().at(-1)).toMatchObject({ aud: "confluent", sub: payload.sub });
  });

  it("defaults the audience to the owner's GitHub URL, like GitHub", async () => {
    const { body } = await request(undefined, `bearer ${runner.requestToken}`);
    expect(decodeJwt(body.value ?? "").aud).toBe("https://github.com/acme");
  });

  it("checks the request token: missing or wrong is a 401 that does not echo it", async () => {
    const wrong = `Bearer ${runner.requestToken}x`;
    for (const authorization of [undefined, wrong, `Basic ${runner.requestToken}`, runner.requestToken]) {
      const { status, body } = await request("a", authorization);
      expect(status).toBe(401);
      expect(JSON.stringify(body)).not.toContain(runner.requestToken);
    }
    const seen = runner.requests.slice(-4);
    expect(seen.map((r) => [r.authorized, r.status])).toEqual(Array(4).fill([false, 401]));
    expect(JSON.stringify(runner.requests)).not.toContain(runner.requestToken);
  });

  it("answers GET only, on the token path only", async () => {
    expect((await request("a", `Bearer ${runner.requestToken}`, "POST")).status).toBe(405);
    const other = await fetch(`${runner.url}/somewhere`, {
      headers: { authorization: `Bearer ${runner.requestToken}` },
    });
    expect(other.status).toBe(404);
  });

  it("issues expired tokens when the lifetime is negative", async () => {
    runner.tokenLifetimeSeconds = -60;
    try {
      const { body } = await request("a", `Bearer ${runner.requestToken}`);
      const claims = decodeJwt(body.value ?? "");
      expect(claims.exp).toBeLessThan(Date.now() / 1000 - 50);
      expect(() => (runner.tokenLifetimeSeconds = Number.NaN)).toThrow(RangeError);
    } finally {
      runner.tokenLifetimeSeconds = 300;
    }
  });

  it("serves githubActionsIdToken from @idclients/auth/workload, all on 127.0.0.1", async () => {
    const source = githubActionsIdToken({ audience: "infisical", env: runner.env() });
    const token = await source.getToken();
    expect(decodeJwt(token)).toMatchObject({ aud: "infisical", iss: runner.issuer.url });
    expect(runner.requests.at(-1)).toMatchObject({ audience: "infisical", authorized: true, status: 200 });

    runner.tokenLifetimeSeconds = -1;
    try {
      await expect(
        githubActionsIdToken({ audience: "a", env: runner.env() }).getToken(),
      ).rejects.toBeInstanceOf(InvalidWorkloadJwtError);
    } finally {
      runner.tokenLifetimeSeconds = 300;
    }
  });

  it("signs with a given issuer and leaves it open on close", async () => {
    const issuer = await startOidcIssuer();
    const own = await startGithubActionsTokenEndpoint({
      issuer,
      ref: "refs/tags/v1.2.3",
      claims: { environment: "production" },
      requestToken: "fixed-request-token",
    });
    try {
      const token = await githubActionsIdToken({ audience: "x", env: own.env() }).getToken();
      expect(decodeJwt(token)).toMatchObject({
        iss: issuer.url,
        ref: "refs/tags/v1.2.3",
        ref_type: "tag",
        environment: "production",
      });
      expect(own.env().ACTIONS_ID_TOKEN_REQUEST_TOKEN).toBe("fixed-request-token");
    } finally {
      await own.close();
    }
    expect((await fetch(issuer.jwksUri)).status).toBe(200);
    await issuer.close();
  });
});
