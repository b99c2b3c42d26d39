import { type ApiClientOptions, createApiClient } from "../client.js";
import { confluentFailureFormat, icaFailureFormat, infisicalFailureFormat } from "../decode-failure.js";
import type { BasicCredentials, ProviderMeta, ProviderName, TokenCredential } from "../types.js";

const failureFormats = {
  confluent: confluentFailureFormat,
  ica: icaFailureFormat,
  infisical: infisicalFailureFormat,
};

/**
 * A tiny provider: enough operations to exercise every transport rule without depending on the
 * generated provider packages. `name` picks the failure decoder (default "confluent").
 */
export function testMeta(name: ProviderName = "confluent"): ProviderMeta {
  return {
    name,
    failureFormat: failureFormats[name],
    // Infisical's quirk, as its client declares it: an expired or malformed token is a 403 TokenError.
    ...(name === "infisical"
      ? {
          isTokenRejected: (f: { status: number; code: string | undefined }) =>
            f.status === 401 || (f.status === 403 && f.code === "TokenError"),
        }
      : {}),
    securitySchemes: {
      basic: { kind: "basic" },
      bearer: { kind: "bearer" },
      apiKey: { kind: "apiKey", in: "header", name: "X-API-Key" },
    },
    operations: {
      "GET /items/{id}": {
        operationId: "getItem",
        method: "GET",
        path: "/items/{id}",
        security: [["bearer"], ["basic"], ["apiKey"]],
        safeToRetry: true,
        accept: "application/json, application/problem+json",
        contentType: null,
        successBody: true,
      },
      "POST /items": {
        operationId: "createItem",
        method: "POST",
        path: "/items",
        security: [["basic"], ["bearer"], ["apiKey"]],
        safeToRetry: false,
        accept: "application/json",
        contentType: "application/json",
        successBody: true,
      },
      "PATCH /items/{id}/refresh": {
        operationId: "refreshItem",
        method: "PATCH",
        path: "/items/{id}/refresh",
        security: [["apiKey"], ["basic"]],
        // x-idempotent: true in a spec
        safeToRetry: true,
        accept: "application/json",
        contentType: "application/json",
      },
      "POST /token": {
        operationId: "exchangeToken",
        method: "POST",
        path: "/token",
        security: [],
        safeToRetry: false,
        accept: "application/json",
        contentType: "application/x-www-form-urlencoded",
        secretRequestFields: ["subject_token"],
        secretResponseFields: ["access_token"],
        successBody: true,
      },
    },
  };
}

export interface Item {
  id: string;
  name?: string;
}

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type JsonResponse<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type Failure = { headers: { [name: string]: unknown }; content: { "application/json": unknown } };

/** Hand-written in the shape openapi-typescript emits. */
export interface paths {
  "/items/{id}": {
    parameters: NoParams;
    get: {
      parameters: { query?: { view?: string }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: JsonResponse<Item>; default: Failure };
    };
  };
  "/items": {
    parameters: NoParams;
    post: {
      parameters: NoParams;
      requestBody: { content: { "application/json": { name: string; marker?: string } } };
      responses: { 201: JsonResponse<Item>; default: Failure };
    };
  };
  "/items/{id}/refresh": {
    parameters: NoParams;
    patch: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { "application/json": { reason: string } } };
      responses: { 200: JsonResponse<Item>; default: Failure };
    };
  };
  "/token": {
    parameters: NoParams;
    post: {
      parameters: NoParams;
      requestBody: {
        content: { "application/x-www-form-urlencoded": { grant_type: string; subject_token: string } };
      };
      responses: { 200: JsonResponse<{ access_token: string; expires_in: number }>; default: Failure };
    };
  };
}

export type TestAuth = {
  basic?: BasicCredentials;
  bearer?: TokenCredential;
  apiKey?: TokenCredential;
};

/** A client of the test provider; fast retries unless the test says otherwise. */
export function testClient(
  baseUrl: string,
  options: ApiClientOptions<TestAuth> = {},
  provider: ProviderName = "confluent",
) {
  return createApiClient<paths, TestAuth>(testMeta(provider), baseUrl, {
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}
