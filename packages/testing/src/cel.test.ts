import { describe, expect, it } from "vitest";
import { CelSyntaxError, compileFilter } from "./cel.js";

// A GitHub Actions-like token, the kind of claims a pool filter is written against.
const claims = {
  iss: "https://token.actions.githubusercontent.com",
  aud: "confluent",
  sub: "repo:org/payments:ref:refs/heads/main",
  repository_owner: "org",
  email: "ci@example.com",
  groups: ["admins", "ci"],
  env: { name: "prod" },
  level: 3,
  exp: 1_900_000_000,
};

describe("identity-pool filters (CEL)", () => {
  it.each([
    // what real pools use
    ['claims.groups.exists(g, g == "admins")', true],
    ['claims.groups.exists(g, g == "auditors")', false],
    ['claims.groups.all(g, g.startsWith("a") || g == "ci")', true],
    ['claims.sub.startsWith("repo:org/")', true],
    ['claims.sub.startsWith("repo:other/")', false],
    ["has(claims.email)", true],
    ["has(claims.phone)", false],
    ['has(claims.email) && claims.email.endsWith("@example.com")', true],
    ['claims.aud=="confluent" && claims.group!="invalid_group"', false], // Confluent's own example: no `group` claim
    ['claims.aud == "confluent" && "ci" in claims.groups', true],
    ['claims.sub in ["repo:org/payments:ref:refs/heads/main", "repo:org/web:ref:refs/heads/main"]', true],
    ['claims.sub.matches("^repo:org/[a-z]+:ref:refs/heads/main$")', true],
    ['claims.env.name == "prod" && claims["repository_owner"] == "org"', true],
    ["size(claims.groups) == 2 && claims.level >= 3", true],
    ["claims.exp > 1700000000", true],
    ['claims.level > 5 ? claims.aud == "x" : claims.aud == "confluent"', true],
    ["true", true],
    // CEL's error absorption: an erroring operand does not matter when the other side decides
    ['claims.missing == "x" || claims.aud == "confluent"', true],
  ])("%s → %s", (source, expected) => {
    expect(compileFilter(source).matches(claims)).toBe(expected);
  });

  it("does not admit a token when the filter errors while evaluating", () => {
    for (const source of [
      'claims.missing == "x"', // no such key
      "claims.aud > 1", // no such overload
      'claims.aud.matches("[")', // invalid regular expression
    ]) {
      expect(compileFilter(source).matches(claims)).toBe(false);
    }
  });

  it("refuses filters CEL does not accept, with CEL's reason", () => {
    for (const source of [
      'claims.aud == "x', // unterminated string
      "claims.aud = 'x'", // not an operator
      "request.time > 0", // the only variable is `claims`
      "1 + 2", // not a bool
      "",
    ]) {
      expect(() => compileFilter(source), source).toThrow(CelSyntaxError);
    }
    expect(() => compileFilter("request.time > 0")).toThrow(/request/);
  });
});
