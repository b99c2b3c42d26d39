import { createConfluentClient, unwrap } from "@idclients/confluent";
import { createInfisicalClient } from "@idclients/infisical";
import { startAll, startGithubActionsTokenEndpoint } from "@idclients/testing";

/** Where the READMEs' runnable blocks run: the three fakes and a GitHub Actions runner, on 127.0.0.1. */
export interface SnippetWorld {
  /**
   * The environment of a runnable block, and nothing else (no variable of the machine running the test
   * leaks in): the variables a client reads when `baseUrl` or `auth` is not given, pointing at the
   * fakes, plus the ones the blocks read themselves.
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the fakes and does the one-time setup the blocks assume of an account: an identity provider
 * at Confluent (so there is a JWKS to refresh) and a machine identity at Infisical whose JWT auth admits
 * the runner's tokens for the audience "infisical".
 */
export async function startSnippetWorld(): Promise<SnippetWorld> {
  const [fakes, runner] = await Promise.all([startAll(), startGithubActionsTokenEndpoint()]);
  try {
    const confluent = createConfluentClient({
      baseUrl: fakes.confluent.url,
      auth: { "cloud-api-key": fakes.confluent.apiKey },
      env: false,
    });
    await unwrap(
      confluent.POST("/iam/v2/identity-providers", {
        body: {
          display_name: "github-actions",
          description: "the runner's issuer",
          issuer: runner.issuer.url,
          jwks_uri: runner.issuer.jwksUri,
        },
      }),
    );
    const identity = fakes.infisical.createIdentity({ name: "readme" });
    const infisical = createInfisicalClient({
      baseUrl: fakes.infisical.url,
      auth: { bearerAuth: fakes.infisical.adminToken },
      env: false,
    });
    await unwrap(
      infisical.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: identity.id } },
        body: {
          configurationType: "jwks",
          jwksUrl: runner.issuer.jwksUri,
          boundIssuer: runner.issuer.url,
          boundAudiences: "infisical",
          boundClaims: {},
        },
      }),
    );
    const { username, password } = fakes.confluent.apiKey;
    return {
      env: {
        // What the clients read when the options leave `baseUrl` and `auth` out.
        CONFLUENT_CLOUD_REST_ENDPOINT: fakes.confluent.url,
        CONFLUENT_CLOUD_API_KEY: username,
        CONFLUENT_CLOUD_API_SECRET: password,
        ICAV2_SERVER_URL: fakes.ica.url,
        INFISICAL_DOMAIN: fakes.infisical.url,
        // What the blocks read from process.env themselves.
        CC_KEY: username,
        CC_SECRET: password,
        ICA_API_KEY: fakes.ica.apiKey,
        INFISICAL_IDENTITY_ID: identity.id,
        // A job with `permissions: id-token: write`.
        ...runner.env(),
      },
      close: async () => {
        await Promise.all([fakes.close(), runner.close()]);
      },
    };
  } catch (error) {
    await Promise.all([fakes.close(), runner.close()]);
    throw error;
  }
}

/**
 * Loaded with `node --import` before a runnable block: the global fetch refuses any host but
 * 127.0.0.1, so a block that would reach a real service fails instead.
 */
export const LOOPBACK_ONLY_FETCH = `const real = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== "127.0.0.1") {
    return Promise.reject(new TypeError(\`\${url.host}: README examples run against 127.0.0.1 only\`));
  }
  return real(input, init);
};
`;
