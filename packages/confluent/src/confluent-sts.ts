import {
  BoundTokenClient,
  readTokenSource,
  TokenCache,
  type TokenClientOptions,
  type TokenSource,
  unwrap,
} from "@idclients/auth";
import { createConfluentClient } from "./client.js";

/** Options of `confluentSts`: the pool and the external JWT to exchange, plus the STS client's settings. */
export type ConfluentStsOptions = TokenClientOptions & {
  /** The identity pool whose policies the Confluent token gets (`pool-...`). */
  identityPoolId: string;
  /** The external IdP's JWT, e.g. a function that reads a projected service-account token. */
  subjectToken: TokenSource;
  /** Requested lifetime in seconds; Confluent allows at most 900 (its default). */
  expiresIn?: number;
};

/** The RFC 8693 constants Confluent's exchange expects. */
const TOKEN_EXCHANGE = {
  grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
  subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
  requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
} as const;

/**
 * A token provider for Confluent's `confluent-sts-access-token` scheme: exchanges an external IdP token
 * at `POST /sts/v1/oauth2/token` and caches the Confluent token for its `expires_in`.
 *
 * @example
 * const confluent = createConfluentClient({
 *   auth: { "confluent-sts-access-token": confluentSts({ identityPoolId: "pool-abc", subjectToken: readIdpToken }) },
 * });
 */
export function confluentSts(options: ConfluentStsOptions): TokenCache {
  const { identityPoolId, subjectToken, expiresIn, refreshMarginSeconds, mintTimeoutMs, ...clientOptions } =
    options;
  if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn > 0 && expiresIn <= 900)) {
    throw new RangeError("expiresIn must be a whole number of seconds from 1 to 900");
  }
  // The exchange goes to the host of the client this provider serves, unless told otherwise.
  const minting = new BoundTokenClient("confluent", clientOptions, (settings) =>
    createConfluentClient({ ...settings, auth: {} }),
  );
  return new TokenCache({
    bindClient: (binding) => minting.bind(binding),
    name: "Confluent STS token",
    refreshMarginSeconds,
    mintTimeoutMs,
    mint: async ({ signal }) => {
      const body = {
        ...TOKEN_EXCHANGE,
        subject_token: (await readTokenSource(subjectToken)).trim(),
        identity_pool_id: identityPoolId,
        ...(expiresIn !== undefined ? { expires_in: expiresIn } : {}),
      };
      const reply = await unwrap(minting.get().POST("/sts/v1/oauth2/token", { body, signal }));
      return { token: reply.access_token, expiresIn: reply.expires_in };
    },
  });
}
