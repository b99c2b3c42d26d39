import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OidcIssuer, startOidcIssuer } from "./oidc-issuer.js";

let issuer: OidcIssuer;
beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: "tests" });
});
afterAll(() => issuer.close());

describe("startOidcIssuer", () => {
  it("serves discovery and a JWKS that verifies the tokens it signs", async () => {
    const discovery = (await (
      await fetch(`${issuer.url}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: issuer.url, jwks_uri: issuer.jwksUri });
    const jwks = await (await fetch(issuer.jwksUri)).json();
    const token = await issuer.sign({ sub: "svc" });
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
      issuer: issuer.url,
      audience: "tests",
    });
    expect(payload.sub).toBe("svc");
    expect(Number(payload.exp) - Number(payload.iat)).toBe(300);
    expect(issuer.jwksFetches).toBeGreaterThanOrEqual(1);
  });

  it("rotates keys: only the new key is published, the retired one can still sign", async () => {
    const oldKid = issuer.currentKid;
    const newKid = await issuer.rotateKey();
    expect(newKid).not.toBe(oldKid);
    const jwks = issuer.jwks();
    expect(jwks.keys.map((key) => key.kid)).toEqual([newKid]);
    const stale = await issuer.sign({ sub: "svc" }, { kid: oldKid });
    expect(decodeProtectedHeader(stale).kid).toBe(oldKid);
    await expect(jwtVerify(stale, createLocalJWKSet(jwks))).rejects.toThrow();
    await expect(issuer.sign({}, { kid: "nope" })).rejects.toThrow(/no key/);
  });

  it("can publish retired keys and make the JWKS endpoint fail", async () => {
    const overlapping = await startOidcIssuer({ publishRetiredKeys: true });
    try {
      await overlapping.rotateKey();
      expect(overlapping.jwks().keys).toHaveLength(2);
      overlapping.failJwks(502);
      expect((await fetch(overlapping.jwksUri)).status).toBe(502);
      overlapping.restoreJwks();
      expect((await fetch(overlapping.jwksUri)).status).toBe(200);
    } finally {
      await overlapping.close();
    }
  });
});
