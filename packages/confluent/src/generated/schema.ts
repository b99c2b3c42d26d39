// This file is generated from specs/confluent/openapi.yaml by `pnpm generate` (tooling/codegen).
// Do not edit it by hand: change the spec and run `pnpm generate` again.

export type $Read<T> = {
    readonly $read: T;
};
export type $Write<T> = {
    readonly $write: T;
};
export type Readable<T> = T extends $Write<any> ? never : T extends $Read<infer U> ? Readable<U> : T extends (infer E)[] ? Readable<E>[] : T extends object ? {
    [K in keyof T as NonNullable<T[K]> extends $Write<any> ? never : K]: Readable<T[K]>;
} : T;
export type Writable<T> = T extends $Read<any> ? never : T extends $Write<infer U> ? Writable<U> : T extends (infer E)[] ? Writable<E>[] : T extends object ? {
    [K in keyof T as NonNullable<T[K]> extends $Read<any> ? never : K]: Writable<T[K]>;
} & {
    [K in keyof T as NonNullable<T[K]> extends $Read<any> ? K : never]?: never;
} : T;
export interface paths {
    "/iam/v2/identity-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List identity providers
         * @description Returns one page of the OAuth identity providers registered in the caller's organization.
         *     Follow `metadata.next` to read further pages.
         */
        get: operations["listIamV2IdentityProviders"];
        put?: never;
        /**
         * Register an identity provider
         * @description Registers an external OAuth / OpenID Connect issuer. `display_name`, `description`, `issuer`
         *     and `jwks_uri` must be given; `identity_claim` is optional. Server-assigned fields sent in the
         *     body are ignored.
         */
        post: operations["createIamV2IdentityProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/iam/v2/identity-providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider.
                 * @example op-abc123
                 */
                id: components["parameters"]["IdentityProviderId"];
            };
            cookie?: never;
        };
        /**
         * Get one identity provider
         * @description Returns a single identity provider, including the key IDs currently known for it.
         */
        get: operations["getIamV2IdentityProvider"];
        put?: never;
        post?: never;
        /**
         * Remove an identity provider
         * @description Starts removal of an identity provider. The response carries no body; removal may finish
         *     after the call returns.
         */
        delete: operations["deleteIamV2IdentityProvider"];
        options?: never;
        head?: never;
        /**
         * Change fields of an identity provider
         * @description Changes some fields of an identity provider; fields left out keep their value. `issuer` and
         *     `jwks_uri` may be changed in place, the provider and its pools are kept.
         */
        patch: operations["updateIamV2IdentityProvider"];
        trace?: never;
    };
    "/iam/v2/identity-providers/{provider_id}/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Force-refresh a provider's signing keys
         * @description Makes Confluent Cloud download the provider's JSON Web Key Set now, for example right after
         *     the provider rotated its signing keys or after automatic refreshes kept failing. The request
         *     asks for the `REFRESHED` state (`{"spec": {"jwks_status": "REFRESHED"}}`, the body Confluent's
         *     documentation sends); the outcome of the fetch is reported in `status.jwks_status`. Confluent
         *     marks the body and its fields optional, so they are optional here too. Sending the same
         *     request again is harmless.
         */
        patch: operations["refreshIamV2JsonWebKeySet"];
        trace?: never;
    };
    "/iam/v2/identity-providers/{provider_id}/identity-pools": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        /**
         * List identity pools of a provider
         * @description Returns one page of the identity pools that belong to the given identity provider. Follow
         *     `metadata.next` to read further pages.
         */
        get: operations["listIamV2IdentityPools"];
        put?: never;
        /**
         * Add an identity pool to a provider
         * @description Creates an identity pool under the given provider. `display_name`, `description`,
         *     `identity_claim` and `filter` must be given. Optionally `assigned_resource_owner` names a
         *     principal that becomes owner of the new pool.
         */
        post: operations["createIamV2IdentityPool"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/iam/v2/identity-providers/{provider_id}/identity-pools/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
                /**
                 * @description ID of the identity pool.
                 * @example pool-abc123
                 */
                id: components["parameters"]["IdentityPoolId"];
            };
            cookie?: never;
        };
        /**
         * Get one identity pool
         * @description Returns a single identity pool of the given provider.
         */
        get: operations["getIamV2IdentityPool"];
        put?: never;
        post?: never;
        /**
         * Remove an identity pool
         * @description Starts removal of an identity pool. The response carries no body; removal may finish after
         *     the call returns.
         */
        delete: operations["deleteIamV2IdentityPool"];
        options?: never;
        head?: never;
        /**
         * Change fields of an identity pool
         * @description Changes some fields of an identity pool; fields left out keep their value.
         */
        patch: operations["updateIamV2IdentityPool"];
        trace?: never;
    };
    "/sts/v1/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an external token for a Confluent access token
         * @description Token exchange in the style of RFC 8693: the caller posts a JWT issued by a registered
         *     identity provider together with the ID of an identity pool that should match it, and gets
         *     back a Confluent access token. No credentials are sent in headers. The returned token is
         *     used as `Authorization: Bearer <access_token>` (the `confluent-sts-access-token` scheme)
         *     until it expires; `expires_in` can ask for at most 900 seconds.
         */
        post: operations["exchangeStsV1OauthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Server-maintained bookkeeping data of a stored resource. */
        ObjectMeta: {
            /**
             * Format: uri
             * @description Canonical URL of this resource in the API.
             */
            self: $Read<string>;
            /**
             * Format: uri
             * @description Confluent Resource Name (CRN), a globally unique `crn://` identifier.
             */
            resource_name?: $Read<string>;
            /**
             * Format: date-time
             * @description Creation time (RFC 3339, UTC).
             */
            created_at?: $Read<string>;
            /**
             * Format: date-time
             * @description Time of the last change (RFC 3339, UTC).
             */
            updated_at?: $Read<string>;
            /**
             * Format: date-time
             * @description Time at which the resource was or will be removed (RFC 3339, UTC).
             */
            deleted_at?: $Read<string>;
        };
        /**
         * @description Navigation data of a paged collection. Each link is a complete URL; a missing or `null`
         *     link means that direction is not available (no `next` means there is no more data).
         */
        ListMeta: {
            /**
             * Format: uri
             * @description URL of the first page.
             */
            first?: string | null;
            /**
             * Format: uri
             * @description URL of the last page.
             */
            last?: string | null;
            /**
             * Format: uri
             * @description URL of the previous page.
             */
            prev?: string | null;
            /**
             * Format: uri
             * @description URL of the next page; absent or `null` on the last page.
             */
            next?: string | null;
            /**
             * Format: int32
             * @description Number of items in the whole collection, not only in this page.
             */
            total_size?: number;
        };
        /**
         * @description An external OAuth / OpenID Connect issuer trusted by Confluent Cloud. Fields are laid out
         *     flat (no spec/status split). Which fields are guaranteed depends on the operation; request
         *     bodies only carry the writable fields.
         */
        IdentityProvider: {
            /**
             * @description API group and version of this representation.
             * @enum {string}
             */
            api_version?: $Read<"iam/v2">;
            /**
             * @description Resource type of this object.
             * @enum {string}
             */
            kind?: $Read<"IdentityProvider">;
            /** @description Server-assigned ID of the provider (looks like `op-…`). */
            id?: $Read<string>;
            metadata?: components["schemas"]["ObjectMeta"];
            /** @description Human-friendly name of the provider. */
            display_name?: string;
            /** @description Free-text explanation of what the provider is used for. */
            description?: string;
            /**
             * @description Token claim whose value identifies the caller, written as `claims.<name>` (for example
             *     `claims.sub`); it is recorded in audit logs. When a request maps to a single identity
             *     pool, that pool's own `identity_claim` is used instead. Marked Early Access by Confluent.
             */
            identity_claim?: string;
            /** @description Lifecycle state of the provider. */
            state?: $Read<"ENABLED" | (string & {})>;
            /**
             * Format: uri
             * @description Public URL that identifies the issuer; must match the `iss` of its tokens. Can be changed.
             */
            issuer?: string;
            /**
             * Format: uri
             * @description Public URL of the issuer's JSON Web Key Set used to verify token signatures. Can be changed.
             */
            jwks_uri?: string;
            /** @description Keys Confluent currently holds for this provider; only identifying fields are returned. */
            keys?: $Read<components["schemas"]["JwksKey"][]>;
        };
        /**
         * @description An identity provider as returned by the create, read and update operations. Confluent's own
         *     spec lists the server-assigned fields (`api_version`, `kind`, `id`, `state`) as required on
         *     read and update only; a created provider is the same resource (its `Location` header points
         *     at it), so they are required here on create too.
         */
        IdentityProviderResource: WithRequired<components["schemas"]["IdentityProvider"], "api_version" | "kind" | "id" | "display_name" | "description" | "state" | "issuer" | "jwks_uri">;
        /** @description One page of identity providers. */
        IdentityProviderList: {
            /**
             * @description API group and version of this representation.
             * @enum {string}
             */
            api_version: $Read<"iam/v2">;
            /**
             * @description Resource type of this object.
             * @enum {string}
             */
            kind: $Read<"IdentityProviderList">;
            metadata: components["schemas"]["ListMeta"];
            /** @description The providers on this page. */
            data: WithRequired<components["schemas"]["IdentityProvider"], "id" | "metadata" | "display_name" | "description" | "state" | "issuer" | "jwks_uri">[];
        };
        /** @description One public key of a provider's key set, in JSON Web Key notation. */
        JwksKey: {
            /** @description Key family. */
            kty: "RSA" | (string & {});
            /** @description Key ID assigned by the identity provider. */
            kid: string;
            /** @description Signature algorithm the key is used with, such as `RS256`. */
            alg: string;
            /** @description Intended use of the key, such as `sig`. */
            use?: string;
            /** @description RSA modulus, base64url encoded. */
            n?: string;
            /** @description RSA public exponent, base64url encoded (commonly `AQAB`). */
            e?: string;
        };
        /**
         * @description Body of a JWKS refresh request; it only states the desired key-set state. Every field is
         *     optional, as in Confluent's spec and SDKs.
         */
        JwksRefreshRequest: {
            /** @description Desired state. */
            spec?: {
                /**
                 * @description Desired state of the key set; `REFRESHED` ("fetch the key set now") is the only value
                 *     Confluent documents. An open list, as in Confluent's spec.
                 * @default REFRESHED
                 */
                jwks_status?: "REFRESHED" | (string & {});
            };
        };
        /** @description State of a provider's key set as reported after a refresh request. */
        Jwks: {
            /**
             * @description API group and version of this representation.
             * @enum {string}
             */
            api_version: $Read<"iam/v2">;
            /**
             * @description Resource type of this object.
             * @enum {string}
             */
            kind: $Read<"Jwks">;
            spec: components["schemas"]["JwksSpec"];
            status?: components["schemas"]["JwksStatus"];
        };
        /** @description The desired key-set state, echoed back. */
        JwksSpec: {
            /** @description Requested state of the key set. */
            jwks_status: "REFRESHED" | (string & {});
        };
        /** @description Observed key-set state. */
        JwksStatus: {
            /**
             * @description Outcome of the latest key-set fetch: refreshed or current (`REFRESHED`, `OK`), the
             *     key-set URL is not usable (`INVALID_JWKS_URI`), or the download failed
             *     (`ERROR_FETCHING_JWKS`). Further values may appear.
             */
            jwks_status?: "REFRESHED" | "OK" | "INVALID_JWKS_URI" | "ERROR_FETCHING_JWKS" | (string & {});
            /**
             * Format: date-time
             * @description When the key set was last fetched successfully.
             */
            jwks_last_refresh_at?: string;
        };
        /**
         * @description A group of external identities of one provider, selected by a CEL filter over token claims.
         *     Which fields are guaranteed depends on the operation; request bodies only carry the writable
         *     fields.
         */
        IdentityPool: {
            /**
             * @description API group and version of this representation.
             * @enum {string}
             */
            api_version?: $Read<"iam/v2">;
            /**
             * @description Resource type of this object.
             * @enum {string}
             */
            kind?: $Read<"IdentityPool">;
            /** @description Server-assigned ID of the pool (looks like `pool-…`). */
            id?: $Read<string>;
            metadata?: components["schemas"]["ObjectMeta"];
            /** @description Human-friendly name of the pool. */
            display_name?: string;
            /** @description Free-text explanation of what the pool is for. */
            description?: string;
            /**
             * @description Token claim whose value identifies the caller within this pool, written as
             *     `claims.<name>` (for example `claims.sub`); it is recorded in audit logs.
             */
            identity_claim?: string;
            /**
             * @description Common Expression Language (CEL) condition over the token's `claims`; only tokens for
             *     which it is true belong to the pool.
             */
            filter?: string;
            /** @description Federated principal that represents the pool in role bindings. */
            principal?: $Read<string>;
            /** @description Lifecycle state of the pool. */
            state?: $Read<"ENABLED" | (string & {})>;
        };
        /**
         * @description An identity pool as returned by the create, read and update operations. Confluent's own spec
         *     lists the server-assigned fields (`api_version`, `kind`, `id`, `principal`, `state`) as
         *     required on read and update only; a created pool is the same resource (its `Location` header
         *     points at it), so they are required here on create too.
         */
        IdentityPoolResource: WithRequired<components["schemas"]["IdentityPool"], "api_version" | "kind" | "id" | "display_name" | "description" | "identity_claim" | "filter" | "principal" | "state">;
        /** @description One page of identity pools. */
        IdentityPoolList: {
            /**
             * @description API group and version of this representation.
             * @enum {string}
             */
            api_version: $Read<"iam/v2">;
            /**
             * @description Resource type of this object.
             * @enum {string}
             */
            kind: $Read<"IdentityPoolList">;
            metadata: components["schemas"]["ListMeta"];
            /** @description The pools on this page. */
            data: WithRequired<components["schemas"]["IdentityPool"], "id" | "metadata" | "display_name" | "description" | "identity_claim" | "filter" | "principal" | "state">[];
        };
        /** @description Form fields of a token exchange. */
        TokenExchangeRequest: {
            /**
             * @description Grant being used. The token-exchange grant is the only one Confluent accepts today; the
             *     list is open, as in Confluent's spec.
             */
            grant_type: "urn:ietf:params:oauth:grant-type:token-exchange" | (string & {});
            /** @description The JWT access token issued by the external identity provider. */
            subject_token: $Write<string>;
            /** @description ID of the identity pool the token should be mapped to. */
            identity_pool_id: string;
            /**
             * @description Type of `subject_token`. Only JWTs are accepted today; the list is open, as in
             *     Confluent's spec.
             */
            subject_token_type: "urn:ietf:params:oauth:token-type:jwt" | (string & {});
            /**
             * @description Type of token wanted in return. Only access tokens are issued today; the list is open,
             *     as in Confluent's spec.
             */
            requested_token_type: "urn:ietf:params:oauth:token-type:access_token" | (string & {});
            /**
             * Format: int32
             * @description Wanted lifetime of the issued token in seconds (at most 900).
             * @default 900
             */
            expires_in?: number;
        };
        /** @description Result of a successful token exchange. */
        TokenExchangeReply: {
            /** @description Confluent-issued JWT; send it as a Bearer token. */
            access_token: string;
            /** @description Type of the issued token; mirrors `requested_token_type`. */
            issued_token_type: "urn:ietf:params:oauth:token-type:access_token" | (string & {});
            /** @description How to present the token; Confluent issues Bearer tokens. */
            token_type: "Bearer" | (string & {});
            /**
             * Format: int32
             * @description Seconds the token remains valid from the time it was issued.
             */
            expires_in: number;
        };
        /** @description Error document returned when an operation fails. */
        Failure: {
            /** @description The problems that made the operation fail. */
            errors: components["schemas"]["Error"][];
        };
        /** @description One problem found while handling the request. All fields are optional. */
        Error: {
            /** @description Identifier of this occurrence of the problem. */
            id?: string;
            /** @description HTTP status code as a string, for example `"404"`. */
            status?: string;
            /**
             * @description Machine-readable error code, such as `user_unauthenticated`, `user_unauthorized`,
             *     `quota_exceeded`, `resource_already_exists` or `invalid_configuration`.
             */
            code?: string;
            /** @description Short summary of the kind of problem; stable across occurrences. */
            title?: string;
            /** @description Explanation specific to this occurrence. */
            detail?: string;
            source?: components["schemas"]["ErrorSource"];
            /**
             * Format: int32
             * @description Numeric error code; sent by some services only.
             */
            error_code?: number;
            /** @description Additional message text; sent by some services only. */
            message?: string | null;
        };
        /** @description Part of the request that caused the problem, when one can be named. */
        ErrorSource: {
            /** @description JSON Pointer (RFC 6901) into the request body, for example `/issuer`. */
            pointer?: string;
            /** @description Name of the query parameter at fault. */
            parameter?: string;
        };
    };
    responses: {
        /**
         * @description The request is malformed or a parameter is invalid. Some quota violations are reported with
         *     this status instead of 402.
         */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
        /** @description No valid credentials were supplied (missing, malformed, expired or revoked). */
        Unauthenticated: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
        /** @description Completing the request would exceed an organization or provider quota. */
        QuotaExceeded: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
        /** @description The credentials are valid but do not allow this operation. */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
        /** @description The resource does not exist, or the caller is not allowed to know whether it exists. */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
        /**
         * @description The request clashes with the current state, for example an equivalent resource already
         *     exists. `Location` may point at the conflicting resource.
         */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                Location: components["headers"]["Location"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
        /** @description The body is well-formed but one of its values is not acceptable. */
        ValidationFailed: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
        /**
         * @description The caller exceeded a rate or concurrency limit. No response body is documented; wait for
         *     `Retry-After` seconds (or back off exponentially with jitter) before retrying.
         */
        RateLimited: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Confluent Cloud failed to handle the request; it may be retried later. */
        ServerError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Failure"];
            };
        };
    };
    parameters: {
        /**
         * @description Largest number of items to return in one page. Only honoured on the first request of a
         *     listing; later pages keep the size chosen then.
         * @example 50
         */
        PageSize: number;
        /**
         * @description Opaque cursor selecting a page. Take it from the URL in `metadata.next` (or `prev`, `first`,
         *     `last`) of the previous response; do not construct or change it.
         * @example tok-page2-fake
         */
        PageToken: string;
        /**
         * @description ID of the identity provider.
         * @example op-abc123
         */
        IdentityProviderId: string;
        /**
         * @description ID of the identity provider that owns the resource.
         * @example op-abc123
         */
        ProviderId: string;
        /**
         * @description ID of the identity pool.
         * @example pool-abc123
         */
        IdentityPoolId: string;
        /**
         * @description Principal that is made resource owner of the new pool: a group (`group-…`), user (`u-…`),
         *     service account (`sa-…`) or identity pool (`pool-…`) ID.
         * @example sa-xyz789
         */
        AssignedResourceOwner: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Identifier Confluent assigned to this request. Sent on success and error responses; quote it
         *     when reporting a problem to Confluent.
         * @example 7d3f1a2b-0000-4000-8000-00000000beef
         */
        "X-Request-Id": string;
        /**
         * @description Number of requests the caller may make within the current rate-limit window.
         * @example 120
         */
        "X-RateLimit-Limit": number;
        /**
         * @description Number of requests the caller still has left in the current rate-limit window.
         * @example 97
         */
        "X-RateLimit-Remaining": number;
        /**
         * @description Number of seconds from now until the current rate-limit window starts over. This is a
         *     RELATIVE duration, not a Unix epoch timestamp (unlike the header of the same name used by
         *     GitHub or Twitter); add it to the time the response was received to get the reset moment.
         * @example 42
         */
        "X-RateLimit-Reset": number;
        /**
         * @description Number of seconds to wait before sending another request, i.e. until the rate-limit window
         *     resets. Only present once the limit has been reached (HTTP 429).
         * @example 42
         */
        "Retry-After": number;
        /**
         * @description Absolute URL of a resource. On 201 it is the address of the resource just created (for
         *     example `/iam/v2/identity-providers/{id}` or
         *     `/iam/v2/identity-providers/{provider_id}/identity-pools/{id}`); on 409 it is the address of
         *     the existing resource the request conflicts with.
         * @example https://api.confluent.cloud/iam/v2/identity-providers/op-abc123
         */
        Location: string;
        /**
         * @description Authentication challenge sent with 401: names the expected scheme (for example `Basic`) and
         *     may add `error` and `error_description` parameters explaining why the credentials were
         *     rejected.
         */
        "WWW-Authenticate": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listIamV2IdentityProviders: {
        parameters: {
            query?: {
                /**
                 * @description Largest number of items to return in one page. Only honoured on the first request of a
                 *     listing; later pages keep the size chosen then.
                 * @example 50
                 */
                page_size?: components["parameters"]["PageSize"];
                /**
                 * @description Opaque cursor selecting a page. Take it from the URL in `metadata.next` (or `prev`, `first`,
                 *     `last`) of the previous response; do not construct or change it.
                 * @example tok-page2-fake
                 */
                page_token?: components["parameters"]["PageToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of identity providers. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProviderList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    createIamV2IdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": WithRequired<components["schemas"]["IdentityProvider"], "display_name" | "description" | "issuer" | "jwks_uri">;
            };
        };
        responses: {
            /** @description The provider was registered; `Location` points at it. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProviderResource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    getIamV2IdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider.
                 * @example op-abc123
                 */
                id: components["parameters"]["IdentityProviderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The identity provider. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProviderResource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteIamV2IdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider.
                 * @example op-abc123
                 */
                id: components["parameters"]["IdentityProviderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deletion of the provider has been accepted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    updateIamV2IdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider.
                 * @example op-abc123
                 */
                id: components["parameters"]["IdentityProviderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IdentityProvider"];
            };
        };
        responses: {
            /** @description The provider after the update. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProviderResource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    refreshIamV2JsonWebKeySet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["JwksRefreshRequest"];
            };
        };
        responses: {
            /** @description The key-set state after the refresh request. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Jwks"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    listIamV2IdentityPools: {
        parameters: {
            query?: {
                /**
                 * @description Largest number of items to return in one page. Only honoured on the first request of a
                 *     listing; later pages keep the size chosen then.
                 * @example 50
                 */
                page_size?: components["parameters"]["PageSize"];
                /**
                 * @description Opaque cursor selecting a page. Take it from the URL in `metadata.next` (or `prev`, `first`,
                 *     `last`) of the previous response; do not construct or change it.
                 * @example tok-page2-fake
                 */
                page_token?: components["parameters"]["PageToken"];
            };
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of identity pools. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityPoolList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    createIamV2IdentityPool: {
        parameters: {
            query?: {
                /**
                 * @description Principal that is made resource owner of the new pool: a group (`group-…`), user (`u-…`),
                 *     service account (`sa-…`) or identity pool (`pool-…`) ID.
                 * @example sa-xyz789
                 */
                assigned_resource_owner?: components["parameters"]["AssignedResourceOwner"];
            };
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": WithRequired<components["schemas"]["IdentityPool"], "display_name" | "description" | "identity_claim" | "filter">;
            };
        };
        responses: {
            /** @description The pool was created; `Location` points at it. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityPoolResource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    getIamV2IdentityPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
                /**
                 * @description ID of the identity pool.
                 * @example pool-abc123
                 */
                id: components["parameters"]["IdentityPoolId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The identity pool. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityPoolResource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteIamV2IdentityPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
                /**
                 * @description ID of the identity pool.
                 * @example pool-abc123
                 */
                id: components["parameters"]["IdentityPoolId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deletion of the pool has been accepted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    updateIamV2IdentityPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the identity provider that owns the resource.
                 * @example op-abc123
                 */
                provider_id: components["parameters"]["ProviderId"];
                /**
                 * @description ID of the identity pool.
                 * @example pool-abc123
                 */
                id: components["parameters"]["IdentityPoolId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IdentityPool"];
            };
        };
        responses: {
            /** @description The pool after the update. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityPoolResource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    exchangeStsV1OauthToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenExchangeRequest"];
            };
        };
        responses: {
            /** @description The exchange succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenExchangeReply"];
                };
            };
            400: components["responses"]["BadRequest"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
