/**
 * Confluent identity-pool filters, evaluated by a real CEL engine.
 *
 * Confluent evaluates a pool's `filter` as a CEL expression over one variable, `claims` (the verified
 * subject token's payload). The fake does the same with
 * [@marcbachmann/cel-js](https://github.com/marcbachmann/cel-js), so every filter a user writes for
 * the real service (macros such as `claims.groups.exists(g, g == "admins")`, `has()`, string methods,
 * ternaries, arithmetic, ...) behaves here as it does there, instead of a hand-written subset.
 *
 * Why this engine and not `@bufbuild/cel` (cel-es), the other maintained JavaScript CEL: both
 * implement the CEL spec with macros and a type checker, and cel-es runs the cel-spec conformance
 * suite and uses RE2 for `matches()`. But cel-es is pre-1.0 (0.6.x), Apache-2.0, and brings
 * `@bufbuild/cel-spec` and `@bufbuild/re2` plus a peer dependency on `@bufbuild/protobuf` (its
 * `dist` is about 0.9 MB), while cel-js is MIT, has no dependencies, is an ES module of about
 * 0.24 MB, requires the same Node.js (>= 20.19) as this package and takes plain JavaScript objects as
 * input, which is exactly what a decoded JWT payload is. Known difference from Confluent (cel-go):
 * `matches()` uses JavaScript regular expressions rather than RE2.
 *
 * JSON numbers in claims are CEL doubles, as they are for a Go server decoding the token into
 * `map[string]any`; CEL compares doubles with int literals (`claims.level >= 3`) as usual.
 */
import { TypeError as CelTypeError, Environment, EvaluationError, ParseError } from "@marcbachmann/cel-js";

/**
 * A filter that CEL refuses before evaluation: a syntax error, a variable other than `claims`, or a
 * result that cannot be a bool. The fake answers such a filter with 422 when a pool is created or
 * changed (Confluent's status for a body that fails validation).
 */
export class CelSyntaxError extends Error {
  /** Always `"CelSyntaxError"`. */
  override name = "CelSyntaxError";
}

/** A parsed and type-checked filter. `compileFilter` throws `CelSyntaxError` for invalid expressions. */
export interface CompiledFilter {
  /**
   * True when the token's claims satisfy the filter. A filter that fails while evaluating (a missing
   * claim, comparing a string with a number) does not admit the token, as on the real service.
   */
  matches(claims: Record<string, unknown>): boolean;
}

// One environment for every filter: `claims` is the only variable, a map of dynamic values.
const environment = new Environment().registerVariable("claims", "map");

/**
 * Parses and type-checks a Confluent identity-pool filter.
 *
 * @example
 * compileFilter('claims.groups.exists(g, g == "admins")').matches({ groups: ["admins"] }); // true
 */
export function compileFilter(source: string): CompiledFilter {
  let evaluate: (context: { claims: Record<string, unknown> }) => unknown;
  try {
    const parsed = environment.parse(source);
    const checked = parsed.check();
    if (!checked.valid) throw checked.error ?? new CelSyntaxError("the filter does not type-check");
    if (checked.type !== "bool" && checked.type !== "dyn") {
      throw new CelSyntaxError(`the filter evaluates to ${checked.type}, not bool`);
    }
    evaluate = parsed;
  } catch (error) {
    if (error instanceof ParseError || error instanceof CelTypeError) {
      throw new CelSyntaxError(error.summary, { cause: error });
    }
    throw error;
  }
  return {
    matches(claims) {
      try {
        return evaluate({ claims }) === true;
      } catch (error) {
        if (error instanceof EvaluationError) return false;
        throw error;
      }
    },
  };
}
