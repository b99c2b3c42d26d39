import { type AllFakes, startAll } from "@idclients/testing";
import type { ScenarioTargets } from "../scenario/scenario.ts";

/** The operation whose first request the fake answers with a 503, so that the scenario sees a retry. */
export const RETRIED_OPERATION = "listIamV2IdentityProviders";

/** What the fakes saw of one scenario run: the other side of what the scenario reports. */
export interface FakesSaw {
  retriedOperation: { status: number | undefined; fault: string | undefined }[];
  confluentCredentials: string[];
  infisicalLogins: number;
  infisicalCallsWithLoginToken: number;
  icaMints: number;
}

/** One run's view of the shared fakes: its own targets, and what the fakes saw of it afterwards. */
export interface ScenarioRun {
  targets: ScenarioTargets;
  saw(): FakesSaw;
}

export interface ScenarioFakes {
  /** A machine identity, an issuer and a 503 of its own for the next run; call it right before the run. */
  prepareRun(): ScenarioRun;
  close(): Promise<void>;
}

/**
 * Starts the three fakes of the workspace's @idclients/testing in this (the vitest) process, on
 * 127.0.0.1. The runtimes of a test file share them, so that a warm-up run pays their first-request
 * costs (validators compiled on first use) and the runtimes' times compare fairly; each run gets its
 * own identity, issuer and fault, and sees only its own requests.
 */
export async function startScenarioFakes(options: { cors?: boolean } = {}): Promise<ScenarioFakes> {
  const fakes: AllFakes = await startAll({ cors: options.cors ?? false });
  let runs = 0;
  return {
    prepareRun: () => {
      runs += 1;
      const identity = fakes.infisical.createIdentity({ name: `runtimes-scenario-${runs}` });
      const confluentFrom = fakes.confluent.requests.count();
      const icaFrom = fakes.ica.issuedTokens().length;
      fakes.clearFaults();
      fakes.confluent.faults.inject({ status: 503, times: 1, match: RETRIED_OPERATION });
      return {
        targets: {
          confluent: {
            baseUrl: fakes.confluent.url,
            apiKey: fakes.confluent.apiKey,
            issuer: `https://ci-${runs}.runtimes.example`,
          },
          ica: { baseUrl: fakes.ica.url, apiKey: fakes.ica.apiKey },
          infisical: {
            baseUrl: fakes.infisical.url,
            adminToken: fakes.infisical.adminToken,
            identityId: identity.id,
          },
        },
        saw: () => {
          const confluent = fakes.confluent.requests.all().slice(confluentFrom);
          const machineTokens = fakes.infisical
            .issuedTokens()
            .filter((token) => token.identityId === identity.id && token.source === "jwt-auth");
          return {
            retriedOperation: confluent
              .filter((request) => request.operationId === RETRIED_OPERATION)
              .map((request) => ({ status: request.status, fault: request.fault })),
            confluentCredentials: [...new Set(confluent.map((request) => String(request.credential)))],
            infisicalLogins: machineTokens.length,
            infisicalCallsWithLoginToken: machineTokens.reduce((sum, token) => sum + token.uses, 0),
            icaMints: fakes.ica.issuedTokens().length - icaFrom,
          };
        },
      };
    },
    close: () => fakes.close(),
  };
}
