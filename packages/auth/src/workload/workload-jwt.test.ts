import { describe, expect, it } from "vitest";
import { TokenError } from "../errors.js";
import { InvalidWorkloadJwtError, WorkloadIdentityMissingError, WorkloadTokenError } from "./errors.js";
import { checkWorkloadJwt } from "./workload-jwt.js";

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const HEADER = part({ alg: "RS256", typ: "JWT" });
const NOW_MS = 1_700_000_000_000;
const check = (raw: string) => checkWorkloadJwt(raw, { origin: "file", what: "test token", nowMs: NOW_MS });

describe("checkWorkloadJwt", () => {
  it("accepts three base64url segments with JSON header and payload and a future exp", () => {
    const token = `${HEADER}.${part({ sub: "x", exp: NOW_MS / 1000 + 1 })}.c2ln`;
    expect(check(`  ${token}\n`)).toEqual({ token, expiresAt: NOW_MS + 1000 });
  });

  it.each([
    ["no dots", "abcdef"],
    ["two segments", `${HEADER}.${part({ exp: 2e9 })}`],
    ["four segments", `${HEADER}.${part({ exp: 2e9 })}.c2ln.c2ln`],
    ["an empty signature", `${HEADER}.${part({ exp: 2e9 })}.`],
    ["an empty header", `.${part({ exp: 2e9 })}.c2ln`],
    ["characters outside base64url", `${HEADER}.${part({ exp: 2e9 })}.c2ln+/=`],
    ["a header that is not JSON", `${Buffer.from("nope").toString("base64url")}.${part({ exp: 2e9 })}.c2ln`],
    ["a payload that is not JSON", `${HEADER}.${Buffer.from("{exp:1").toString("base64url")}.c2ln`],
    ["a payload that is an array", `${HEADER}.${part([{ exp: 2e9 }])}.c2ln`],
    ["a payload that is null", `${HEADER}.${part(null)}.c2ln`],
    [
      "a payload that is not UTF-8",
      `${HEADER}.${Buffer.from([0x7b, 0xff, 0x7d]).toString("base64url")}.c2ln`,
    ],
  ])("%s is malformed", (_label, raw) => {
    const error = (() => {
      try {
        check(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidWorkloadJwtError);
    expect((error as InvalidWorkloadJwtError).reason).toBe("malformed");
    expect((error as Error).message).toMatch(/^The test token is not a JWT/);
  });

  it.each([
    ["no exp", {}],
    ["a string exp", { exp: "2000000000" }],
    ["a null exp", { exp: null }],
  ])("%s has no expiry", (_label, claims) => {
    expect(() => check(`${HEADER}.${part(claims)}.c2ln`)).toThrow(
      expect.objectContaining({ reason: "no-expiry" }),
    );
  });

  it("an exp now or in the past is expired, and the message says how long ago", () => {
    expect(() => check(`${HEADER}.${part({ exp: NOW_MS / 1000 })}.c2ln`)).toThrow(
      expect.objectContaining({ reason: "expired", message: "The test token expired 0 s ago" }),
    );
    expect(() => check(`${HEADER}.${part({ exp: NOW_MS / 1000 - 90 })}.c2ln`)).toThrow(/expired 90 s ago/);
  });

  it("its errors are TokenErrors that carry their own class names", () => {
    const invalid = new InvalidWorkloadJwtError("m", { origin: "file", reason: "expired" });
    const missing = new WorkloadIdentityMissingError("m", { origin: "gitlab-ci", variables: ["V"] });
    const failed = new WorkloadTokenError("m", { origin: "github-actions", status: 500 });
    for (const error of [invalid, missing, failed]) {
      expect(error).toBeInstanceOf(TokenError);
      expect(error).toBeInstanceOf(WorkloadTokenError);
    }
    expect([invalid.name, missing.name, failed.name]).toEqual([
      "InvalidWorkloadJwtError",
      "WorkloadIdentityMissingError",
      "WorkloadTokenError",
    ]);
    expect(String(missing)).toBe("WorkloadIdentityMissingError: m");
  });
});
