import {
  type BasicCredentials,
  BoundTokenClient,
  readTokenSource,
  TokenCache,
  type TokenClientOptions,
  TokenError,
  type TokenSource,
  unwrap,
} from "@idclients/auth";
import { createIcaClient } from "./client.js";

/** Exactly one way to mint the JWT: an API key, Basic credentials or a psToken. */
export type IcaJwtCredential =
  | {
      /** An ICA API key (`ApiKeyAuth`). A JWT minted from it cannot be refreshed, so it is minted again. */
      apiKey: TokenSource;
      /** Only one credential: not with `apiKey`. */
      basic?: never;
      /** Only one credential: not with `apiKey`. */
      psToken?: never;
    }
  | {
      /** An ICA user's e-mail address and password (`BasicAuth`); not for tenants that use SSO. */
      basic: BasicCredentials;
      /** Only one credential: not with `basic`. */
      apiKey?: never;
      /** Only one credential: not with `basic`. */
      psToken?: never;
    }
  | {
      /** A psToken (`PsTokenAuth`), sent as `Authorization: Bearer`. */
      psToken: TokenSource;
      /** Only one credential: not with `psToken`. */
      apiKey?: never;
      /** Only one credential: not with `psToken`. */
      basic?: never;
    };

/** Options of `icaJwt`: one credential to mint with, an optional tenant, plus the token client's settings. */
export type IcaJwtOptions = IcaJwtCredential &
  TokenClientOptions & {
    /** Tenant to sign in to, for users who belong to several (mostly with Basic credentials). */
    tenant?: string;
  };

/**
 * A token provider for ICA's `JwtAuth` scheme: mints a JWT with `POST /api/tokens` and keeps it until
 * shortly before its `exp`. A JWT minted from Basic credentials or a psToken is then extended with
 * `POST /api/tokens:refresh`; one minted from an API key cannot be refreshed, so it is minted again.
 *
 * @example
 * const ica = createIcaClient({ auth: { JwtAuth: icaJwt({ apiKey: process.env.ICA_API_KEY! }) } });
 */
export function icaJwt(options: IcaJwtOptions): TokenCache {
  const { apiKey, basic, psToken, tenant, refreshMarginSeconds, mintTimeoutMs, ...clientOptions } = options;
  const auth =
    apiKey !== undefined ? { ApiKeyAuth: apiKey } : basic !== undefined ? { BasicAuth: basic } : undefined;
  // Minting goes to the host of the client this provider serves, unless told otherwise.
  const bound = new BoundTokenClient("ica", clientOptions, (settings) =>
    createIcaClient({
      ...settings,
      auth: auth ?? { PsTokenAuth: async () => readTokenSource(psToken as TokenSource) },
    }),
  );
  const refreshable = apiKey === undefined;

  return new TokenCache({
    bindClient: (binding) => bound.bind(binding),
    name: "ICA JWT",
    refreshMarginSeconds,
    mintTimeoutMs,
    mint: async ({ previous, signal }) => {
      const stillValid = previous && (previous.expiresAt === undefined || previous.expiresAt > Date.now());
      if (refreshable && previous && stillValid) {
        // Refresh needs the still-valid JWT itself as the credential.
        const refreshing = createIcaClient({ ...bound.settings(), auth: { JwtAuth: previous.token } });
        const refreshed = await refreshing.POST("/api/tokens:refresh", { signal });
        if (refreshed.response.ok && refreshed.data?.token) return { token: refreshed.data.token };
        // A refused refresh (for example a JWT revoked early) falls back to minting a new one.
      }
      const minted = await unwrap(
        bound.get().POST("/api/tokens", { params: { query: tenant ? { tenant } : {} }, signal }),
      );
      if (typeof minted.token !== "string" || minted.token === "") {
        throw new TokenError("ICA answered the mint without a token");
      }
      return { token: minted.token };
    },
  });
}
