// This file is generated from specs/confluent/openapi.yaml by `pnpm generate` (tooling/codegen).
// Do not edit it by hand: change the spec and run `pnpm generate` again.

import type { BasicCredentials, OperationMeta, SecuritySchemeMeta, TokenCredential } from "@idclients/auth";

/** How each security scheme of the spec puts a credential on a request. */
export const securitySchemes = {
  "cloud-api-key": {"kind":"basic"},
  "confluent-sts-access-token": {"kind":"bearer"},
} as const satisfies Record<string, SecuritySchemeMeta>;

/** Credentials for this provider, keyed by the spec's security scheme names. */
export interface Credentials {
  "cloud-api-key"?: BasicCredentials;
  "confluent-sts-access-token"?: TokenCredential;
}

/** Runtime facts per operation, keyed by `"METHOD /path/{param}"`. */
export const operations = {
  "GET /iam/v2/identity-providers": {
    operationId: "listIamV2IdentityProviders",
    method: "GET",
    path: "/iam/v2/identity-providers",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
  },
  "POST /iam/v2/identity-providers": {
    operationId: "createIamV2IdentityProvider",
    method: "POST",
    path: "/iam/v2/identity-providers",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: false,
    accept: "application/json",
    contentType: "application/json",
  },
  "GET /iam/v2/identity-providers/{id}": {
    operationId: "getIamV2IdentityProvider",
    method: "GET",
    path: "/iam/v2/identity-providers/{id}",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
  },
  "DELETE /iam/v2/identity-providers/{id}": {
    operationId: "deleteIamV2IdentityProvider",
    method: "DELETE",
    path: "/iam/v2/identity-providers/{id}",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
  },
  "PATCH /iam/v2/identity-providers/{id}": {
    operationId: "updateIamV2IdentityProvider",
    method: "PATCH",
    path: "/iam/v2/identity-providers/{id}",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: "application/json",
  },
  "PATCH /iam/v2/identity-providers/{provider_id}/jwks": {
    operationId: "refreshIamV2JsonWebKeySet",
    method: "PATCH",
    path: "/iam/v2/identity-providers/{provider_id}/jwks",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: "application/json",
  },
  "GET /iam/v2/identity-providers/{provider_id}/identity-pools": {
    operationId: "listIamV2IdentityPools",
    method: "GET",
    path: "/iam/v2/identity-providers/{provider_id}/identity-pools",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
  },
  "POST /iam/v2/identity-providers/{provider_id}/identity-pools": {
    operationId: "createIamV2IdentityPool",
    method: "POST",
    path: "/iam/v2/identity-providers/{provider_id}/identity-pools",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: false,
    accept: "application/json",
    contentType: "application/json",
  },
  "GET /iam/v2/identity-providers/{provider_id}/identity-pools/{id}": {
    operationId: "getIamV2IdentityPool",
    method: "GET",
    path: "/iam/v2/identity-providers/{provider_id}/identity-pools/{id}",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
  },
  "DELETE /iam/v2/identity-providers/{provider_id}/identity-pools/{id}": {
    operationId: "deleteIamV2IdentityPool",
    method: "DELETE",
    path: "/iam/v2/identity-providers/{provider_id}/identity-pools/{id}",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
  },
  "PATCH /iam/v2/identity-providers/{provider_id}/identity-pools/{id}": {
    operationId: "updateIamV2IdentityPool",
    method: "PATCH",
    path: "/iam/v2/identity-providers/{provider_id}/identity-pools/{id}",
    security: [["cloud-api-key"],["confluent-sts-access-token"]],
    safeToRetry: true,
    accept: "application/json",
    contentType: "application/json",
  },
  "POST /sts/v1/oauth2/token": {
    operationId: "exchangeStsV1OauthToken",
    method: "POST",
    path: "/sts/v1/oauth2/token",
    security: [],
    safeToRetry: false,
    accept: "application/json",
    contentType: "application/x-www-form-urlencoded",
  },
} as const satisfies Record<string, OperationMeta>;

export type OperationKey = keyof typeof operations;
