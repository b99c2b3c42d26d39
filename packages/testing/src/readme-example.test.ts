// The README's "Testing your own code" example, kept runnable so it cannot drift.
import { createConfluentClient, unwrap } from "@idclients/confluent";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startConfluent } from "./confluent.js";
import { startOidcIssuer } from "./oidc-issuer.js";

async function registerIssuer(
  baseUrl: string,
  apiKey: { username: string; password: string },
  issuer: string,
) {
  const confluent = createConfluentClient({ baseUrl, auth: { "cloud-api-key": apiKey } });
  const provider = await unwrap(
    confluent.POST("/iam/v2/identity-providers", {
      body: { display_name: "CI", description: "CI runners", issuer, jwks_uri: `${issuer}/jwks` },
    }),
  );
  const pool = await unwrap(
    confluent.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
      params: { path: { provider_id: provider.id } },
      body: {
        display_name: "runners",
        description: "",
        identity_claim: "claims.sub",
        filter: 'claims.aud == "confluent"',
      },
    }),
  );
  return pool.id;
}

let confluent: Awaited<ReturnType<typeof startConfluent>>;
let issuer: Awaited<ReturnType<typeof startOidcIssuer>>;
beforeAll(async () => {
  [confluent, issuer] = await Promise.all([startConfluent(), startOidcIssuer()]);
});
afterAll(async () => {
  await Promise.all([confluent.close(), issuer.close()]);
});

it("registers the issuer so that its tokens can be exchanged", async () => {
  const poolId = await registerIssuer(confluent.url, confluent.apiKey, issuer.url);

  expect(confluent.identityProviders()[0]?.jwks_status).toBe("OK");
  const sts = createConfluentClient({ baseUrl: confluent.url });
  const { access_token } = await unwrap(
    sts.POST("/sts/v1/oauth2/token", {
      body: {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: await issuer.sign({ sub: "runner-1", aud: "confluent" }),
        identity_pool_id: poolId,
        subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
        requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
      },
    }),
  );
  expect(access_token).toBeTruthy();
});

it("survives a burst of rate limiting", async () => {
  confluent.faults.inject({ status: 429, retryAfter: 0, times: 2, match: "createIamV2IdentityProvider" });
  await registerIssuer(confluent.url, confluent.apiKey, `${issuer.url}/second`);
  expect(confluent.requests.count("createIamV2IdentityProvider")).toBe(4);
});
