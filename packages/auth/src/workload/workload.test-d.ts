import { describe, expectTypeOf, it } from "vitest";
import type { TokenCredential, TokenProvider, TokenSource } from "../types.js";
import { githubActionsIdToken, gitlabCiIdToken, jwtFromEnv, type WorkloadTokenSource } from "./index.js";
import { jwtFromFile, kubernetesServiceAccountToken } from "./node.js";

describe("workload token sources", () => {
  it("fit wherever a token source, a token provider or a credential is accepted", () => {
    expectTypeOf<WorkloadTokenSource>().toExtend<TokenSource>();
    expectTypeOf<WorkloadTokenSource>().toExtend<TokenProvider>();
    expectTypeOf<WorkloadTokenSource>().toExtend<TokenCredential>();
    expectTypeOf(githubActionsIdToken({ audience: "a" })).toEqualTypeOf<WorkloadTokenSource>();
    expectTypeOf(gitlabCiIdToken({ variable: "V" })).toEqualTypeOf<WorkloadTokenSource>();
    expectTypeOf(jwtFromEnv({ variable: "V" })).toEqualTypeOf<WorkloadTokenSource>();
    expectTypeOf(jwtFromFile({ path: "/p" })).toEqualTypeOf<WorkloadTokenSource>();
    expectTypeOf(kubernetesServiceAccountToken({ path: "/p" })).toEqualTypeOf<WorkloadTokenSource>();
  });

  it("require the option that says what to read", () => {
    // @ts-expect-error the audience is required
    githubActionsIdToken({});
    // @ts-expect-error the variable is required
    gitlabCiIdToken({});
    // @ts-expect-error the path is required
    kubernetesServiceAccountToken({});
  });

  it("return a promise of the token when called", () => {
    expectTypeOf(jwtFromEnv({ variable: "V" })).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(jwtFromEnv({ variable: "V" }).fetches).toEqualTypeOf<number>();
  });
});
