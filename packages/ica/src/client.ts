import {
  type ApiClientOptions,
  createApiClient,
  type IdClient,
  icaFailureFormat,
  type ProviderMeta,
} from "@idclients/auth";
import { type Credentials, operations, securitySchemes } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** ICA's REST API base URL. */
export const ICA_BASE_URL = "https://ica.illumina.com/ica/rest";

export const icaProvider: ProviderMeta = {
  name: "ica",
  securitySchemes,
  operations,
  failureFormat: icaFailureFormat,
};

export type IcaClient = IdClient<paths>;

/** Options of `createIcaClient`: credentials by scheme name plus transport settings. */
export type IcaClientOptions = ApiClientOptions<Credentials>;

/**
 * Creates a typed client of ICA's token endpoints. Every call sends `Accept: application/vnd.illumina.v3+json`.
 *
 * @example
 * const ica = createIcaClient({ auth: { ApiKeyAuth: process.env.ICA_API_KEY } });
 * const { token } = await unwrap(ica.POST("/api/tokens", {}));
 */
export function createIcaClient(options: IcaClientOptions = {}): IcaClient {
  return createApiClient<paths, Credentials>(icaProvider, ICA_BASE_URL, options);
}
