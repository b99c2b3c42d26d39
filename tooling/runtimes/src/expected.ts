import type { ScenarioResults } from "../scenario/scenario.ts";
import type { FakesSaw } from "./fakes.js";

/** What the scenario must report, on every runtime alike. */
export const EXPECTED_RESULTS: ScenarioResults = {
  retry: {
    events: [{ operationId: "listIamV2IdentityProviders", attempt: 1, status: 503, delayInRange: true }],
    listedTheCreatedProvider: true,
  },
  notFound: {
    name: "NotFoundError",
    instanceOfNotFoundError: true,
    instanceOfApiError: true,
    instanceOfIdClientsError: true,
    instanceOfError: true,
    sameClassInEveryPackage: true,
    status: 404,
    provider: "confluent",
    operationId: "getIamV2IdentityProvider",
    code: "not_found",
    message: "404 not_found: Identity provider op-missing was not found",
    hasRequestId: true,
    attempts: 1,
  },
  tokenProvider: {
    provider: "infisicalJwtLogin",
    reads: 2,
    logins: 1,
    boundIssuer: "https://ci.runtimes.example",
    tokenExpiresInFuture: true,
  },
  icaJwt: { segments: 3, expiresInFuture: true },
};

/** What the fakes must have seen of one run: the 503 and its retry, one login used twice, one mint. */
export const EXPECTED_FAKES_SAW: FakesSaw = {
  retriedOperation: [
    { status: 503, fault: "status" },
    { status: 200, fault: undefined },
  ],
  confluentCredentials: ["basic"],
  infisicalLogins: 1,
  infisicalCallsWithLoginToken: 2,
  icaMints: 1,
};
