import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64Utf8,
  MAX_JSON_DEPTH,
  REDACTED,
  scrubDeep,
  scrubHeaders,
  scrubText,
  secretForms,
} from "./redact.js";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("base64Utf8", () => {
  it.each(["", "a", "ab", "abc", "abcd", "abcde", "jürgen:pä$$→🔑", "\u0000\u00ff"])(
    "matches Buffer's base64 for %j (every padding case, non-ASCII)",
    (text) => {
      expect(base64Utf8(text)).toBe(b64(text));
    },
  );
});

describe("secretForms", () => {
  it("ignores secrets shorter than 4 characters and keeps one of exactly 4", () => {
    expect(secretForms("")).toEqual([]);
    expect(secretForms("abc")).toEqual([]);
    expect(secretForms("abcd")).toEqual(["abcd"]);
    // The empty secret must not make scrubText replace "" everywhere.
    expect(scrubText("some text", ["", "ab", "abc"])).toBe("some text");
    expect(scrubText("xx abcd xx", ["abcd"])).toBe(`xx ${REDACTED} xx`);
  });

  it("keeps a base64 fragment of exactly 8 characters and drops shorter ones", () => {
    // 6 bytes: alignment 0 gives 8 usable characters, alignments 1 and 2 only 7.
    expect(secretForms("abcdef")).toEqual(["YWJjZGVm", "abcdef"]);
    // 7 bytes: 9, 9 and 8 usable characters at alignments 0, 1 and 2.
    expect(secretForms("abcdefg")).toEqual(["YWJjZGVmZ", "hYmNkZWZn", "FiY2RlZm", "abcdefg"]);
  });

  it("lists raw, URL-encoded, form-encoded (both hex cases), JSON-escaped and base64 forms, longest first", () => {
    const secret = 's3cr3t/K+ey=é "x"';
    expect(secretForms(secret)).toEqual([
      "s3cr3t%2FK%2Bey%3D%C3%A9%20%22x%22",
      "s3cr3t%2fK%2bey%3d%c3%a9%20%22x%22",
      "s3cr3t%2FK%2Bey%3D%C3%A9+%22x%22",
      "s3cr3t%2fK%2bey%3d%c3%a9+%22x%22",
      "czNjcjN0L0srZXk9w6kgIngi",
      "MzY3IzdC9LK2V5PcOpICJ4I",
      "zM2NyM3QvSytleT3DqSAieC",
      's3cr3t/K+ey=é \\"x\\"',
      's3cr3t/K+ey=é "x"',
    ]);
    const forms = secretForms(secret);
    expect(forms).toContain(encodeURIComponent(secret));
    expect(forms).toContain(new URLSearchParams({ k: secret }).toString().slice(2));
    expect(forms).toContain(JSON.stringify(secret).slice(1, -1));
  });

  it("form-encodes like a form body: '+' for spaces and !'()~ escaped, unlike encodeURIComponent", () => {
    const forms = secretForms("a b!'()~*");
    expect(forms).toContain("a%20b!'()~*");
    expect(forms).toContain("a+b%21%27%28%29%7E*");
    expect(forms).toContain("a+b%21%27%28%29%7e*");
  });

  it("adds base64url variants when the base64 has + or /", () => {
    // "??>" is "Pz8+" and "???" is "Pz8/" in base64.
    const secret = "???>???>";
    const forms = secretForms(secret);
    expect(forms).toContain(b64(secret).replace(/=+$/, "").slice(0, 10));
    const withPlus = forms.filter((form) => /[+/]/.test(form));
    expect(withPlus.length).toBeGreaterThan(0);
    for (const form of withPlus) {
      expect(forms).toContain(form.replaceAll("+", "-").replaceAll("/", "_"));
    }
  });

  it("caches the forms of a secret", () => {
    const first = secretForms("cached-secret-1");
    expect(secretForms("cached-secret-1")).toBe(first);
  });

  it("holds at most 256 secrets, then starts over", () => {
    let tracer = secretForms("tracer-secret");
    // Fill until the cache is cleared once (the tracer is then computed anew), to know its size.
    for (let i = 0; ; i++) {
      secretForms(`filler-a-${i}`);
      const again = secretForms("tracer-secret");
      if (again !== tracer) {
        tracer = again;
        break;
      }
    }
    // The cache now holds the last filler and the tracer: 254 more fill it to 256.
    for (let i = 0; i < 254; i++) secretForms(`filler-b-${i}`);
    expect(secretForms("tracer-secret")).toBe(tracer);
    secretForms("filler-c-0");
    expect(secretForms("tracer-secret")).not.toBe(tracer);
    expect(secretForms("tracer-secret")).toEqual(tracer);
  });
});

describe("base64 fragments at every alignment", () => {
  const secret = "pa55w0rd-Secret";

  it.each([0, 1, 2, 3, 4, 5])("finds the secret base64-encoded after a %i-byte prefix", (length) => {
    for (const prefix of ["x".repeat(length), "Zq9~/-".slice(0, length)]) {
      for (const suffix of ["", "!", "yz", "@@@", "tail-text"]) {
        const encoded = b64(`${prefix}${secret}${suffix}`);
        expect(scrubText(encoded, [secret]), `${prefix}|${suffix}`).toContain(REDACTED);
        expect(scrubText(b64url(`${prefix}${secret}${suffix}`), [secret])).toContain(REDACTED);
      }
    }
  });

  it("finds any secret of 7+ bytes inside the base64 of any surrounding text", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 5 }),
        fc.string({ minLength: 7, maxLength: 24 }),
        fc.string({ minLength: 0, maxLength: 5 }),
        (prefix, secret, suffix) => {
          const scrubbed = scrubText(b64(`${prefix}${secret}${suffix}`), [secret]);
          expect(scrubbed).toContain(REDACTED);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds a 6-byte secret only at alignment 0 (shorter fragments could match by chance)", () => {
    expect(scrubText(b64("abcdef--"), ["abcdef"])).toContain(REDACTED);
    expect(scrubText(b64("-abcdef-"), ["abcdef"])).toBe(b64("-abcdef-"));
  });

  it("scrubs a Basic header's base64 of user:password given the password alone", () => {
    const header = `Basic ${b64("someone:the-password-1")}`;
    expect(scrubText(header, ["the-password-1"])).not.toBe(header);
    expect(scrubText(header, ["the-password-1"])).toContain(REDACTED);
  });
});

describe("scrubText", () => {
  it("replaces every occurrence of every form of every secret", () => {
    const secret = "tok en/1";
    const text = `a ${secret} b ${encodeURIComponent(secret)} c tok+en%2F1 d tok+en%2f1 e ${secret}`;
    expect(scrubText(text, ["unrelated", secret])).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED} d ${REDACTED} e ${REDACTED}`,
    );
  });

  it("replaces a longer form before a shorter one it contains", () => {
    // base64("Vm0wd2Qy") starts with "Vm0wd2Qy" itself: the 10-character fragment must go as a whole.
    expect(secretForms("Vm0wd2Qy")[0]).toBe("Vm0wd2QyUX");
    expect(scrubText("<Vm0wd2QyUX>", ["Vm0wd2Qy"])).toBe(`<${REDACTED}>`);
  });

  it("returns the text unchanged without secrets", () => {
    expect(scrubText("nothing to hide", [])).toBe("nothing to hide");
  });
});

describe("scrubDeep", () => {
  const secrets = ["deep-secret"];

  it("scrubs strings, keys and array items and keeps other values", () => {
    const input = {
      plain: "deep-secret here",
      "key-deep-secret": 1,
      list: ["deep-secret", 2, null, true],
      nested: { n: 1.5, nothing: null, yes: false },
    };
    const out = scrubDeep(input, secrets);
    expect(out).toEqual({
      plain: `${REDACTED} here`,
      [`key-${REDACTED}`]: 1,
      list: [REDACTED, 2, null, true],
      nested: { n: 1.5, nothing: null, yes: false },
    });
    expect(Array.isArray((out as { list: unknown }).list)).toBe(true);
    expect(out).not.toBe(input);
    expect(scrubDeep("deep-secret", secrets)).toBe(REDACTED);
    expect(scrubDeep(7, secrets)).toBe(7);
    expect(scrubDeep(undefined, secrets)).toBeUndefined();
    expect(scrubDeep(null, secrets)).toBeNull();
  });

  /** `depth` arrays around an object, which then sits at that depth. */
  function nested(depth: number): unknown {
    let value: unknown = { leaf: "deep-secret" };
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }
  function dig(value: unknown, depth: number): unknown {
    let current = value;
    for (let i = 0; i < depth; i++) current = (current as unknown[])[0];
    return current;
  }

  it(`keeps nesting down to depth ${MAX_JSON_DEPTH - 1} and cuts it at ${MAX_JSON_DEPTH}`, () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(dig(scrubDeep(nested(63), secrets), 63)).toEqual({ leaf: REDACTED });
    expect(dig(scrubDeep(nested(64), secrets), 64)).toBe("[nested too deep]");
    expect(dig(scrubDeep(nested(64), secrets), 63)).toEqual(["[nested too deep]"]);
    // Strings are never cut, whatever their depth.
    let text: unknown = "deep-secret";
    for (let i = 0; i < 64; i++) text = [text];
    expect(dig(scrubDeep(text, secrets), 64)).toBe(REDACTED);
  });

  it("survives JSON nested 100,000 deep", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(() => scrubDeep(deep, secrets)).not.toThrow();
  });

  it("keeps a __proto__ key as an own data property without changing the prototype", () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":"deep-secret"},"a":1}');
    const out = scrubDeep(parsed, secrets) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ polluted: REDACTED });
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(out.a).toBe(1);
  });
});

describe("scrubHeaders", () => {
  it("returns the same headers when there is no secret", () => {
    const headers = new Headers({ a: "1" });
    expect(scrubHeaders(headers, [])).toBe(headers);
  });

  it("scrubs values, drops a header whose name carries a secret, keeps the rest and repeated cookies", () => {
    const headers = new Headers();
    headers.append("x-echo", "Bearer tokenvalue1");
    headers.append("x-tokenvalue1-seen", "yes");
    headers.append("x-request-id", "req-1");
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=tokenvalue1");
    const out = scrubHeaders(headers, ["tokenvalue1"]);
    expect(out).not.toBe(headers);
    expect([...out.entries()]).toEqual([
      ["set-cookie", "a=1"],
      ["set-cookie", `b=${REDACTED}`],
      ["x-echo", `Bearer ${REDACTED}`],
      ["x-request-id", "req-1"],
    ]);
    expect(out.getSetCookie()).toEqual(["a=1", `b=${REDACTED}`]);
  });
});
