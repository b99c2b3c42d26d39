import {
  readTokenSource,
  TokenCache,
  type TokenClientOptions,
  type TokenSource,
  unwrap,
} from "@idclients/auth";
import { createInfisicalClient } from "./client.js";

export type InfisicalJwtLoginOptions = TokenClientOptions & {
  /** The machine identity to log in as. */
  identityId: string;
  /** The externally issued JWT, e.g. a function that reads a projected service-account token file. */
  jwt: TokenSource;
  /** Scope the session to a sub-organization the identity belongs to. */
  organizationSlug?: string;
};

/**
 * A token provider for Infisical's `bearerAuth`: logs in with `POST /api/v1/auth/jwt-auth/login` and
 * caches the access token for its `expiresIn`. A token Infisical refuses (401, or 403 `TokenError`)
 * makes the client log in again once.
 *
 * @example
 * const infisical = createInfisicalClient({
 *   auth: { bearerAuth: infisicalJwtLogin({ identityId, jwt: () => readFile(tokenPath, "utf8") }) },
 * });
 */
export function infisicalJwtLogin(options: InfisicalJwtLoginOptions): TokenCache {
  const { identityId, jwt, organizationSlug, refreshMarginSeconds, mintTimeoutMs, ...clientOptions } =
    options;
  const client = createInfisicalClient(clientOptions);
  return new TokenCache({
    name: "Infisical access token",
    refreshMarginSeconds,
    mintTimeoutMs,
    mint: async ({ signal }) => {
      const body = {
        identityId,
        jwt: (await readTokenSource(jwt)).trim(),
        ...(organizationSlug ? { organizationSlug } : {}),
      };
      const session = await unwrap(client.POST("/api/v1/auth/jwt-auth/login", { body, signal }));
      return { token: session.accessToken, expiresIn: session.expiresIn };
    },
  });
}
