import { describe, expect, test } from "vitest";
import { AllowListError, allows, judge, parseAllowList } from "./allow-list.ts";
import type { Drift } from "./compare.ts";

const drift: Drift = {
  operation: "GET /iam/v2/identity-providers/{id}",
  subject: "response 200 application/json field errors[].code",
  change: "changed",
  aspect: "type",
  upstream: "string",
  ours: "integer",
};

describe("parseAllowList", () => {
  test("reads entries by provider", () => {
    const list = parseAllowList(
      "demo:\n  - at: response 429\n    change: removed\n    reason: documented by us\n",
      "allow.yaml",
    );
    expect(list).toEqual({ demo: [{ at: "response 429", change: "removed", reason: "documented by us" }] });
    expect(parseAllowList("", "empty.yaml")).toEqual({});
  });

  test.each([
    ["demo:\n  - at: response 429\n", 'allow.yaml: demo[0] needs a "reason"'],
    ["demo:\n  - at: x\n    reason: '  '\n", 'allow.yaml: demo[0] needs a "reason"'],
    ["demo:\n  - reason: why\n", 'allow.yaml: demo[0] needs "at"'],
    [
      "demo:\n  - at: x\n    reason: why\n    because: typo\n",
      'allow.yaml: demo[0] has an unknown field "because"',
    ],
    [
      "demo:\n  - at: x\n    reason: why\n    change: renamed\n",
      'allow.yaml: demo[0]: "change" must be added, removed or changed',
    ],
    [
      "demo:\n  - at: x\n    reason: why\n    upstream: 1\n",
      'allow.yaml: demo[0]: "upstream" must be a string',
    ],
    ["demo: {at: x}\n", "allow.yaml: demo must be a list of entries"],
    ["- at: x\n", "allow.yaml: expected providers as top-level keys"],
  ])("refuses %j", (text, message) => {
    expect(() => parseAllowList(text, "allow.yaml")).toThrow(new AllowListError(message));
  });
});

describe("allows", () => {
  test("every given field must match; * stands for any run of characters, other characters are literal", () => {
    expect(allows({ at: "response * field errors[].code", reason: "r" }, drift)).toBe(true);
    expect(
      allows(
        { at: "response 200 *", aspect: "type", upstream: "string", ours: "integer", reason: "r" },
        drift,
      ),
    ).toBe(true);
    expect(allows({ operation: "GET *", at: "*", change: "changed", reason: "r" }, drift)).toBe(true);
    expect(allows({ at: "response 200 *", ours: "string", reason: "r" }, drift)).toBe(false);
    expect(allows({ at: "response 200 *", change: "removed", reason: "r" }, drift)).toBe(false);
    expect(allows({ operation: "", at: "*", reason: "r" }, drift)).toBe(false);
    // `.` and `[]` are not pattern syntax.
    expect(allows({ at: "response 200 application.json field errors[].code", reason: "r" }, drift)).toBe(
      false,
    );
  });
});

describe("judge", () => {
  test("marks allowed drift with the first matching entry's reason and lists entries that matched nothing", () => {
    const first = { at: "response *", aspect: "type", reason: " first " };
    const second = { at: "*", reason: "second" };
    const unused = { at: "request body", reason: "never" };
    const other: Drift = {
      ...drift,
      subject: "request body",
      change: "removed",
      aspect: "",
      upstream: "",
      ours: "required yes",
    };
    const judged = judge([drift, other], [first, second, unused]);
    expect(judged.drifts.map((d) => [d.subject, d.allowed, d.reason])).toEqual([
      [drift.subject, true, "first"],
      ["request body", true, "second"],
    ]);
    expect(judged.unused).toEqual([unused]);
    expect(judge([drift], []).drifts).toEqual([{ ...drift, allowed: false }]);
  });
});
