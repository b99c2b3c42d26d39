import {
  type BasicCredentials,
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
  | { apiKey: TokenSource; basic?: never; psToken?: never }
  | { basic: BasicCredentials; apiKey?: never; psToken?: never }
  | { psToken: TokenSource; apiKey?: never; basic?: never };

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
  const minting = createIcaClient({
    ...clientOptions,
    auth: auth ?? { PsTokenAuth: async () => readTokenSource(psToken as TokenSource) },
  });
  const refreshable = apiKey === undefined;

  return new TokenCache({
    name: "ICA JWT",
    refreshMarginSeconds,
    mintTimeoutMs,
    mint: async ({ previous, signal }) => {
      const stillValid = previous && (previous.expiresAt === undefined || previous.expiresAt > Date.now());
      if (refreshable && previous && stillValid) {
        // Refresh needs the still-valid JWT itself as the credential.
        const refreshing = createIcaClient({ ...clientOptions, auth: { JwtAuth: previous.token } });
        const refreshed = await refreshing.POST("/api/tokens:refresh", { signal });
        if (refreshed.response.ok && refreshed.data?.token) return { token: refreshed.data.token };
        // A refused refresh (for example a JWT revoked early) falls back to minting a new one.
      }
      const minted = await unwrap(
        minting.POST("/api/tokens", { params: { query: tenant ? { tenant } : {} }, signal }),
      );
      if (typeof minted.token !== "string" || minted.token === "") {
        throw new TokenError("ICA answered the mint without a token");
      }
      return { token: minted.token };
    },
  });
}
