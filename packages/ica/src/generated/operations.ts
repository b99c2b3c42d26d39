// This file is generated from specs/ica/openapi.yaml by `pnpm generate` (tooling/codegen).
// Do not edit it by hand: change the spec and run `pnpm generate` again.

import type { BasicCredentials, OperationMeta, SecuritySchemeMeta, TokenCredential } from "@idclients/auth";

/** How each security scheme of the spec puts a credential on a request. */
export const securitySchemes = {
  "ApiKeyAuth": {"kind":"apiKey","in":"header","name":"X-API-Key"},
  "BasicAuth": {"kind":"basic"},
  "PsTokenAuth": {"kind":"bearer"},
  "JwtAuth": {"kind":"bearer"},
} as const satisfies Record<string, SecuritySchemeMeta>;

/** Credentials for this provider, keyed by the spec's security scheme names. */
export interface Credentials {
  "ApiKeyAuth"?: TokenCredential;
  "BasicAuth"?: BasicCredentials;
  "PsTokenAuth"?: TokenCredential;
  "JwtAuth"?: TokenCredential;
}

/** Runtime facts per operation, keyed by `"METHOD /path/{param}"`. */
export const operations = {
  "POST /api/tokens": {
    operationId: "createJwtToken",
    method: "POST",
    path: "/api/tokens",
    security: [["ApiKeyAuth"],["BasicAuth"],["PsTokenAuth"]],
    safeToRetry: false,
    accept: "application/vnd.illumina.v3+json",
    contentType: null,
    secretRequestFields: [],
    secretResponseFields: ["token"],
    successBody: true,
  },
  "POST /api/tokens:refresh": {
    operationId: "refreshJwtToken",
    method: "POST",
    path: "/api/tokens:refresh",
    security: [["JwtAuth"]],
    safeToRetry: false,
    accept: "application/vnd.illumina.v3+json",
    contentType: null,
    secretRequestFields: [],
    secretResponseFields: ["token"],
    successBody: true,
  },
} as const satisfies Record<string, OperationMeta>;

export type OperationKey = keyof typeof operations;
