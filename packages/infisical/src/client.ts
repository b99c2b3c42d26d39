import {
  type ApiClientOptions,
  createApiClient,
  type IdClient,
  infisicalFailureFormat,
  type ProviderMeta,
} from "@idclients/auth";
import { type Credentials, operations, securitySchemes } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Infisical Cloud, US region (the default). */
export const INFISICAL_US_URL = "https://us.infisical.com";
/** Infisical Cloud, EU region. */
export const INFISICAL_EU_URL = "https://eu.infisical.com";

export const infisicalProvider: ProviderMeta = {
  name: "infisical",
  securitySchemes,
  operations,
  failureFormat: infisicalFailureFormat,
  // Infisical answers an expired or malformed token with 403 `TokenError`, not only 401.
  isTokenRejected: ({ status, code }) => status === 401 || (status === 403 && code === "TokenError"),
};

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
  return createApiClient<paths, Credentials>(infisicalProvider, INFISICAL_US_URL, options);
}
