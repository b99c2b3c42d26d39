import { describe, expect, it } from "vitest";
import { ConfigurationError, TokenError } from "../errors.js";
import { readTokenSource } from "../token-source.js";
import { jwtFromEnv } from "./env.js";
import { InvalidWorkloadJwtError, WorkloadIdentityMissingError } from "./errors.js";
import { gitlabCiIdToken } from "./gitlab.js";

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const sources = [
  ["gitlabCiIdToken", gitlabCiIdToken, "gitlab-ci"],
  ["jwtFromEnv", jwtFromEnv, "environment"],
] as const;

describe.each(sources)("%s", (_name, create, origin) => {
  it("reads the token from the named variable, without surrounding whitespace", async () => {
    const token = jwt({ aud: "confluent", exp: nowSeconds() + 600 });
    const source = create({ variable: "CONFLUENT_ID_TOKEN", env: { CONFLUENT_ID_TOKEN: `${token}\n` } });
    expect(await source.getToken()).toBe(token);
    expect(await readTokenSource(source)).toBe(token);
  });

  it("caches until shortly before exp, then reads the variable again", async () => {
    let now = Date.now();
    const first = jwt({ n: 1, exp: nowSeconds() + 600 });
    const env: Record<string, string> = { ID_TOKEN: first };
    const source = create({ variable: "ID_TOKEN", env, now: () => now, refreshMarginSeconds: 30 });
    expect(await source.getToken()).toBe(first);
    const second = jwt({ n: 2, exp: nowSeconds() + 1200 });
    env.ID_TOKEN = second;
    expect(await source.getToken()).toBe(first);
    expect(source.fetches).toBe(1);
    now = (nowSeconds() + 600 - 30) * 1000;
    expect(await source.getToken()).toBe(second);
    expect(source.fetches).toBe(2);
  });

  it("single flight: concurrent callers share one read", async () => {
    const source = create({ variable: "ID_TOKEN", env: { ID_TOKEN: jwt({ exp: nowSeconds() + 600 }) } });
    await Promise.all(Array.from({ length: 20 }, () => source.getToken()));
    expect(source.fetches).toBe(1);
  });

  it.each([
    [{}, "absent"],
    [{ ID_TOKEN: "" }, "empty"],
    [{ ID_TOKEN: " \n" }, "blank"],
  ])("%o (%s) → WorkloadIdentityMissingError naming the variable", async (env, _label) => {
    const error = await create({ variable: "ID_TOKEN", env })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkloadIdentityMissingError);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as WorkloadIdentityMissingError).variables).toEqual(["ID_TOKEN"]);
    expect((error as WorkloadIdentityMissingError).origin).toBe(origin);
    expect((error as Error).message).toContain("ID_TOKEN");
  });

  it("an expired or malformed token is an InvalidWorkloadJwtError", async () => {
    const expired = create({ variable: "T", env: { T: jwt({ exp: nowSeconds() - 1 }) } });
    await expect(expired.getToken()).rejects.toMatchObject({ reason: "expired", origin });
    const malformed = create({ variable: "T", env: { T: "not-a-jwt" } });
    await expect(malformed.getToken()).rejects.toBeInstanceOf(InvalidWorkloadJwtError);
  });

  it("reads process.env when no env is given", async () => {
    const token = jwt({ exp: nowSeconds() + 600 });
    process.env.IDCLIENTS_TEST_ID_TOKEN = token;
    try {
      expect(await create({ variable: "IDCLIENTS_TEST_ID_TOKEN" }).getToken()).toBe(token);
    } finally {
      delete process.env.IDCLIENTS_TEST_ID_TOKEN;
    }
  });

  it("refuses a variable option that is not a variable name", () => {
    for (const variable of ["", "1ABC", "A-B", "$TOKEN", undefined]) {
      expect(() => create({ variable: variable as string })).toThrow(ConfigurationError);
    }
  });
});

describe("gitlabCiIdToken", () => {
  it("says how to declare the token in .gitlab-ci.yml", async () => {
    const error = await gitlabCiIdToken({ variable: "VAULT_ID_TOKEN", env: {} })
      .getToken()
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain("id_tokens:");
    expect((error as Error).message).toContain("VAULT_ID_TOKEN");
  });
});
