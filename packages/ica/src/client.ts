import {
  type ApiClientOptions,
  createApiClient,
  type EnvironmentConvention,
  type IdClient,
  icaFailureFormat,
  type ProviderMeta,
} from "@idclients/auth";
import { type Credentials, operations, securitySchemes } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** ICA's REST API base URL. */
export const ICA_BASE_URL = "https://ica.illumina.com/ica/rest";

/** ICA as the shared runtime sees it: security schemes, operation metadata and its RFC 7807 failure format. */
export const icaProvider: ProviderMeta = {
  name: "ica",
  securitySchemes,
  operations,
  failureFormat: icaFailureFormat,
};

/** A typed openapi-fetch client of ICA's token endpoints. */
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
  return createApiClient<paths, Credentials>(icaProvider, ICA_BASE_URL, options, icaEnvironment);
}

/**
 * The variables of Illumina's `icav2` CLI: `ICAV2_ACCESS_TOKEN` (a JWT), else `ICAV2_X_API_KEY` (an API
 * key); the host from `ICAV2_SERVER_URL` (a host name such as `ica.illumina.com`, or a URL).
 */
export const icaEnvironment: EnvironmentConvention<Credentials> = {
  baseUrl: {
    variables: ["ICAV2_SERVER_URL"],
    toBaseUrl: (value) => {
      const url = (/^https?:\/\//i.test(value) ? value : `https://${value}`).replace(/\/+$/, "");
      return url.endsWith("/ica/rest") ? url : `${url}/ica/rest`;
    },
  },
  credentialVariables: ["ICAV2_ACCESS_TOKEN", "ICAV2_X_API_KEY"],
  auth(read) {
    const token = read("ICAV2_ACCESS_TOKEN");
    if (token !== undefined) return { JwtAuth: token };
    const apiKey = read("ICAV2_X_API_KEY");
    return apiKey === undefined ? undefined : { ApiKeyAuth: apiKey };
  },
};
