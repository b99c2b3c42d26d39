// How a user's test points the clients at the fakes of @idclients/testing.
import { startAll } from "@idclients/testing";
import type { SmokeTargets } from "./app.js";

export interface StartedFakes {
  targets: SmokeTargets;
  close(): Promise<void>;
}

/** Starts the three fakes on free ports of 127.0.0.1 and returns the credentials they accept. */
export async function startFakes(): Promise<StartedFakes> {
  const fakes = await startAll();
  const identity = fakes.infisical.createIdentity({ name: "smoke-machine" });
  return {
    targets: {
      confluent: { baseUrl: fakes.confluent.url, apiKey: fakes.confluent.apiKey },
      ica: { baseUrl: fakes.ica.url, apiKey: fakes.ica.apiKey },
      infisical: {
        baseUrl: fakes.infisical.url,
        accessToken: fakes.infisical.adminToken,
        identityId: identity.id,
      },
    },
    close: () => fakes.close(),
  };
}
