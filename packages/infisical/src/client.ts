import {
  type ApiClientOptions,
  createApiClient,
  type EnvironmentConvention,
  type IdClient,
  infisicalFailureFormat,
  type ProviderMeta,
} from "@idclients/auth";
import { type Credentials, operations, securitySchemes } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { infisicalJwtLogin } from "./infisical-jwt-login.js";

/** Infisical Cloud, US region (the default). */
export const INFISICAL_US_URL = "https://us.infisical.com";
/** Infisical Cloud, EU region. */
export const INFISICAL_EU_URL = "https://eu.infisical.com";

/**
 * Infisical as the shared runtime sees it: security schemes, operation metadata, its error envelope, and
 * its rule that a 403 `TokenError` also means "token refused".
 */
export const infisicalProvider: ProviderMeta = {
  name: "infisical",
  securitySchemes,
  operations,
  failureFormat: infisicalFailureFormat,
  // Infisical answers an expired or malformed token with 403 `TokenError`, not only 401.
  isTokenRejected: ({ status, code }) => status === 401 || (status === 403 && code === "TokenError"),
};

/** A typed openapi-fetch client of Infisical's JWT auth endpoints. */
export type InfisicalClient = IdClient<paths>;

/** Options of `createInfisicalClient`; set `baseUrl` to `INFISICAL_EU_URL` or a self-hosted instance. */
export type InfisicalClientOptions = ApiClientOptions<Credentials>;

/**
 * Creates a typed client of Infisical's machine-identity JWT auth endpoints.
 *
 * @example
 * const infisical = createInfisicalClient({ baseUrl: INFISICAL_EU_URL, auth: { bearerAuth: accessToken } });
 */
export function createInfisicalClient(options: InfisicalClientOptions = {}): InfisicalClient {
  return createApiClient<paths, Credentials>(
    infisicalProvider,
    INFISICAL_US_URL,
    options,
    infisicalEnvironment,
  );
}

/**
 * The variables Infisical's own CLI reads: `INFISICAL_TOKEN` (an access token), else
 * `INFISICAL_MACHINE_IDENTITY_ID` with `INFISICAL_JWT` (machine-identity JWT auth, logged in through
 * `infisicalJwtLogin`); the host from `INFISICAL_DOMAIN`, else `INFISICAL_API_URL` (a trailing `/api`
 * is dropped: our paths start with it).
 */
export const infisicalEnvironment: EnvironmentConvention<Credentials> = {
  baseUrl: {
    variables: ["INFISICAL_DOMAIN", "INFISICAL_API_URL"],
    toBaseUrl: (value) => value.replace(/\/+$/, "").replace(/\/api$/, ""),
  },
  credentialVariables: ["INFISICAL_TOKEN", "INFISICAL_MACHINE_IDENTITY_ID + INFISICAL_JWT"],
  auth(read) {
    const token = read("INFISICAL_TOKEN");
    if (token !== undefined) return { bearerAuth: token };
    const identityId = read("INFISICAL_MACHINE_IDENTITY_ID");
    const jwt = read("INFISICAL_JWT");
    if (identityId !== undefined && jwt !== undefined) {
      return { bearerAuth: infisicalJwtLogin({ identityId, jwt }) };
    }
    return undefined;
  },
};
