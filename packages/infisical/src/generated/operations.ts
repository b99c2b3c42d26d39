// This file is generated from specs/infisical/openapi.yaml by `pnpm generate` (tooling/codegen).
// Do not edit it by hand: change the spec and run `pnpm generate` again.

import type { BasicCredentials, OperationMeta, SecuritySchemeMeta, TokenCredential } from "@idclients/auth";

/** How each security scheme of the spec puts a credential on a request. */
export const securitySchemes = {
  "bearerAuth": {"kind":"bearer"},
} as const satisfies Record<string, SecuritySchemeMeta>;

/** Credentials for this provider, keyed by the spec's security scheme names. */
export interface Credentials {
  "bearerAuth"?: TokenCredential;
}

/** Runtime facts per operation, keyed by `"METHOD /path/{param}"`. */
export const operations = {
  "POST /api/v1/auth/jwt-auth/login": {
    operationId: "loginWithJwtAuth",
    method: "POST",
    path: "/api/v1/auth/jwt-auth/login",
    security: [],
    safeToRetry: false,
    accept: "application/json",
    contentType: "application/json",
    secretRequestFields: ["jwt"],
    secretResponseFields: ["accessToken"],
    successBody: true,
  },
  "GET /api/v1/auth/jwt-auth/identities/{identityId}": {
    operationId: "getJwtAuth",
    method: "GET",
    path: "/api/v1/auth/jwt-auth/identities/{identityId}",
    security: [["bearerAuth"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
    secretRequestFields: [],
    secretResponseFields: [],
    successBody: true,
  },
  "POST /api/v1/auth/jwt-auth/identities/{identityId}": {
    operationId: "attachJwtAuth",
    method: "POST",
    path: "/api/v1/auth/jwt-auth/identities/{identityId}",
    security: [["bearerAuth"]],
    safeToRetry: false,
    accept: "application/json",
    contentType: "application/json",
    secretRequestFields: [],
    secretResponseFields: [],
    successBody: true,
  },
  "DELETE /api/v1/auth/jwt-auth/identities/{identityId}": {
    operationId: "deleteJwtAuth",
    method: "DELETE",
    path: "/api/v1/auth/jwt-auth/identities/{identityId}",
    security: [["bearerAuth"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
    secretRequestFields: [],
    secretResponseFields: [],
    successBody: true,
  },
  "PATCH /api/v1/auth/jwt-auth/identities/{identityId}": {
    operationId: "updateJwtAuth",
    method: "PATCH",
    path: "/api/v1/auth/jwt-auth/identities/{identityId}",
    security: [["bearerAuth"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: "application/json",
    secretRequestFields: [],
    secretResponseFields: [],
    successBody: true,
  },
} as const satisfies Record<string, OperationMeta>;

export type OperationKey = keyof typeof operations;
