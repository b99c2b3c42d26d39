import {
  BoundTokenClient,
  readTokenSource,
  TokenCache,
  type TokenClientOptions,
  type TokenSource,
  unwrap,
} from "@idclients/auth";
import { createInfisicalClient } from "./client.js";

/** Options of `infisicalJwtLogin`: the identity and the external JWT to log in with, plus the login client's settings. */
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
  // The login goes to the host of the client this provider serves (a self-hosted instance), unless told otherwise.
  const minting = new BoundTokenClient("infisical", clientOptions, (settings) =>
    createInfisicalClient({ ...settings, auth: {} }),
  );
  return new TokenCache({
    bindClient: (binding) => minting.bind(binding),
    name: "Infisical access token",
    refreshMarginSeconds,
    mintTimeoutMs,
    mint: async ({ signal }) => {
      const body = {
        identityId,
        jwt: (await readTokenSource(jwt)).trim(),
        ...(organizationSlug ? { organizationSlug } : {}),
      };
      const session = await unwrap(minting.get().POST("/api/v1/auth/jwt-auth/login", { body, signal }));
      return { token: session.accessToken, expiresIn: session.expiresIn };
    },
  });
}
