// This file is generated from specs/infisical/openapi.yaml by `pnpm generate` (tooling/codegen).
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
    "/api/v1/auth/jwt-auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with a JWT
         * @description Exchanges a JWT from your own identity provider for an Infisical access token
         *     for the given machine identity. No `Authorization` header is needed.
         *
         *     Infisical checks the JWT signature using the identity's JWT Auth configuration
         *     (JWKS endpoint or static public keys). Then it checks every binding that is not
         *     empty: `iss` must equal the bound issuer, `sub` must match the bound subject,
         *     `aud` must match one of the bound audiences, and each bound claim must match
         *     one of its allowed values. If the login succeeds, Infisical issues a new access
         *     token that uses the TTL, max TTL and use limit from the configuration.
         *
         *     This endpoint also accepts the same fields as an
         *     `application/x-www-form-urlencoded` form.
         */
        post: operations["loginWithJwtAuth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/jwt-auth/identities/{identityId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the machine identity whose JWT Auth configuration is targeted. Identity IDs are UUIDs, but the server does not check the format before looking the identity up.
                 * @example 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f
                 */
                identityId: components["parameters"]["IdentityId"];
            };
            cookie?: never;
        };
        /**
         * Get the JWT Auth configuration of a machine identity
         * @description Returns the JWT Auth configuration attached to a machine identity. The CA
         *     certificate and public keys are returned decrypted.
         *
         *     If the identity has no JWT Auth attached, the server answers 400 (not 404).
         *     The caller needs permission to read identities.
         */
        get: operations["getJwtAuth"];
        put?: never;
        /**
         * Attach JWT Auth to a machine identity
         * @description Adds a JWT Auth configuration to a machine identity that does not have one
         *     yet. After this call the identity can log in with
         *     `POST /api/v1/auth/jwt-auth/login`.
         *
         *     The body is one of two shapes, selected by `configurationType`:
         *     `jwks` needs `jwksUrl`, and `static` needs at least one entry in `publicKeys`.
         *     `boundClaims` is required here (send `{}` for no claim checks). Any other
         *     field you leave out takes the default shown in the schema.
         *
         *     Errors you may see:
         *     * 400 if the identity already has JWT Auth.
         *     * 400 if `accessTokenTTL` is larger than a non-zero `accessTokenMaxTTL`.
         *     * 400 if `jwksUrl` points at a local or private address.
         *     * 400 if the organization's plan does not allow IP restrictions and
         *       `accessTokenTrustedIps` holds anything other than `0.0.0.0/0` or `::/0`.
         *
         *     The caller needs permission to create identities.
         */
        post: operations["attachJwtAuth"];
        /**
         * Revoke JWT Auth from a machine identity
         * @description Removes the JWT Auth configuration from a machine identity. It also revokes
         *     every access token the identity obtained through JWT Auth login. The response
         *     contains the removed configuration, without the CA certificate and the public
         *     keys.
         *
         *     A second identical call finds nothing to remove and answers 400. The state
         *     stays the same, so the call is safe to retry.
         *
         *     The caller needs permission to edit the organization's identities. The caller
         *     must also hold at least the privileges of the target identity; otherwise the
         *     server answers 403 `PermissionBoundaryError`.
         *
         *     Do not send a `Content-Type: application/json` header without a body. The
         *     server answers such a request with 500.
         */
        delete: operations["deleteJwtAuth"];
        options?: never;
        head?: never;
        /**
         * Update the JWT Auth configuration of a machine identity
         * @description Changes the JWT Auth configuration of a machine identity that already has one.
         *     If it has none, the server answers 400.
         *
         *     `configurationType` is required, and so is the field that branch needs
         *     (`jwksUrl` for `jwks`, `publicKeys` for `static`).
         *
         *     **Send the complete configuration every time.**
         *     * Branch fields you leave out are reset: a `jwks` update without `jwksCaCert`
         *       clears the stored CA certificate.
         *     * Other fields you leave out are kept as they are today. Infisical may change
         *       that on future server versions.
         *
         *     The TTL rule and the IP-restriction plan rule from attach apply here too.
         *     Repeating the same request leaves the configuration unchanged. The caller
         *     needs permission to edit identities.
         */
        patch: operations["updateJwtAuth"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Credentials for a JWT Auth login. The server trims whitespace from every string. */
        JwtAuthLoginRequest: {
            /**
             * @description ID of the machine identity to log in as.
             * @example 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f
             */
            identityId: string;
            /** @description The JWT issued by your identity provider. It must satisfy the identity's JWT Auth configuration. */
            jwt: $Write<string>;
            /**
             * @description Slug (lowercase letters, digits and hyphens) of a sub-organization the identity may access. When set, the session is scoped to that organization. When left out, the session belongs to the organization that owns the identity. Servers older than early 2026 called this field `subOrganizationName`.
             * @example acme-platform
             */
            organizationSlug?: string;
        };
        /** @description A freshly issued Infisical access token. */
        JwtAuthLoginResponse: {
            /** @description Infisical access token. Send it as `Authorization: Bearer <accessToken>` on later calls. */
            accessToken: $Read<string>;
            /** @description Lifetime of the token in seconds (the configured `accessTokenTTL`). A value of 0 means the token has no expiry time of its own. */
            expiresIn: number;
            /** @description Seconds after which the token can no longer be renewed (the configured `accessTokenMaxTTL`). 0 means there is no such limit. */
            accessTokenMaxTTL: number;
            /**
             * @description Always `Bearer`.
             * @enum {string}
             */
            tokenType: "Bearer";
        };
        /** @description Verify JWT signatures with keys fetched from a JWKS endpoint. */
        JwtAuthJwksVerification: {
            /**
             * @description Selects JWKS-based verification.
             * @enum {string}
             */
            configurationType: "jwks";
            /**
             * Format: uri
             * @description JWKS endpoint that publishes the signing keys. Infisical picks the key by the JWT's `kid`. The address must not resolve to a local or private network unless the server allows it.
             * @example https://issuer.example.com/.well-known/jwks.json
             */
            jwksUrl: string;
            /**
             * @description PEM CA certificate used to verify the TLS connection to `jwksUrl`. If it is empty, the server does not verify the endpoint's certificate. When you leave it out on update, the stored certificate is cleared.
             * @default
             */
            jwksCaCert?: string;
            /**
             * @description Not used for `jwks` verification. Leave it out or send an empty list.
             * @default []
             */
            publicKeys?: string[];
        };
        /** @description Verify JWT signatures against a fixed list of public keys. */
        JwtAuthStaticVerification: {
            /**
             * @description Selects static-key verification.
             * @enum {string}
             */
            configurationType: "static";
            /** @description PEM public keys (RSA or ECDSA, with BEGIN/END lines). A token is accepted when any one of them verifies its signature. */
            publicKeys: string[];
            /**
             * @description Not used for `static` verification. It is stored as an empty string.
             * @default
             */
            jwksUrl?: string;
            /**
             * @description Not used for `static` verification. It is stored as an empty string.
             * @default
             */
            jwksCaCert?: string;
        };
        /**
         * @description Claims the JWT must carry. Each key is a claim name (dot notation reaches nested claims). Each value is a comma-separated list of allowed values, and glob patterns are allowed. The server re-joins each list with `, `.
         * @example {
         *       "repository": "acme/web-app, acme/api-*"
         *     }
         */
        BoundClaims: {
            [key: string]: string;
        };
        /** @description An IP address or CIDR range that the issued access tokens may be used from. */
        TrustedIpInput: {
            /**
             * @description IPv4 or IPv6 address, or a CIDR block such as `198.51.100.0/24` (prefix 0-32 for IPv4, 0-128 for IPv6).
             * @example 198.51.100.0/24
             */
            ipAddress: string;
        };
        /** @description A stored trusted IP entry. A CIDR block you sent is split into its network address and prefix length. Infisical's spec types the list as "anything"; this shape is read from the server code that stores the entries (it parses each address into address, family and prefix), so only `ipAddress` is promised and extra keys are allowed. */
        TrustedIp: {
            /** @description The IP address, or the network address of a CIDR block. */
            ipAddress: string;
            /** @description Address family, when the server reports it. */
            type?: "ipv4" | "ipv6" | (string & {});
            /** @description CIDR prefix length. It is absent when a single address was given. */
            prefix?: number;
        };
        /** @description Bindings and token settings for attach. Every field except `boundClaims` has a default. */
        AttachJwtAuthSettings: {
            /**
             * @description Value the JWT's `iss` must equal exactly. An empty string disables the check.
             * @default
             */
            boundIssuer?: string;
            /**
             * @description Comma-separated list of allowed audiences (globs allowed). The JWT's `aud` must match one of them. An empty string disables the check. The server stores the list joined with `, `.
             * @default
             */
            boundAudiences?: string;
            boundClaims: components["schemas"]["BoundClaims"];
            /**
             * @description Pattern the JWT's `sub` must match (exact or glob). An empty string disables the check.
             * @default
             */
            boundSubject?: string;
            /**
             * @description Addresses and ranges the issued access tokens may be used from. Values other than `0.0.0.0/0` and `::/0` need a plan that includes IP allowlisting.
             * @default [
             *       {
             *         "ipAddress": "0.0.0.0/0"
             *       },
             *       {
             *         "ipAddress": "::/0"
             *       }
             *     ]
             */
            accessTokenTrustedIps?: components["schemas"]["TrustedIpInput"][];
            /**
             * @description Lifetime of issued access tokens in seconds (at most ten years). It may not exceed `accessTokenMaxTTL` unless that is 0.
             * @default 2592000
             */
            accessTokenTTL?: number;
            /**
             * @description Seconds after which issued access tokens can no longer be renewed. 0 means no limit.
             * @default 2592000
             */
            accessTokenMaxTTL?: number;
            /**
             * @description How many requests one issued access token may make. 0 means unlimited.
             * @default 0
             */
            accessTokenNumUsesLimit?: number;
        };
        /** @description Bindings and token settings for update. All of them are optional, and the current server keeps the stored value of any field you leave out. */
        UpdateJwtAuthSettings: {
            /** @description New value the JWT's `iss` must equal exactly. An empty string disables the check. */
            boundIssuer?: string;
            /** @description New comma-separated list of allowed audiences (globs allowed). An empty string disables the check. */
            boundAudiences?: string;
            boundClaims?: components["schemas"]["BoundClaims"];
            /** @description New pattern the JWT's `sub` must match. An empty string disables the check. */
            boundSubject?: string;
            /** @description New list of addresses and ranges the issued access tokens may be used from. */
            accessTokenTrustedIps?: components["schemas"]["TrustedIpInput"][];
            /** @description New lifetime of issued access tokens in seconds. */
            accessTokenTTL?: number;
            /** @description New renewal limit in seconds. 0 means no limit. */
            accessTokenMaxTTL?: number;
            /** @description New per-token use limit. 0 means unlimited. */
            accessTokenNumUsesLimit?: number;
        };
        /** @description Attach body for JWKS-based verification. */
        AttachJwtAuthJwksRequest: components["schemas"]["JwtAuthJwksVerification"] & components["schemas"]["AttachJwtAuthSettings"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            configurationType: "jwks";
        };
        /** @description Attach body for static-key verification. */
        AttachJwtAuthStaticRequest: components["schemas"]["JwtAuthStaticVerification"] & components["schemas"]["AttachJwtAuthSettings"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            configurationType: "static";
        };
        /** @description JWT Auth configuration to attach. The shape depends on `configurationType`. */
        AttachJwtAuthRequest: components["schemas"]["AttachJwtAuthJwksRequest"] | components["schemas"]["AttachJwtAuthStaticRequest"];
        /** @description Update body for JWKS-based verification. */
        UpdateJwtAuthJwksRequest: components["schemas"]["JwtAuthJwksVerification"] & components["schemas"]["UpdateJwtAuthSettings"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            configurationType: "jwks";
        };
        /** @description Update body for static-key verification. */
        UpdateJwtAuthStaticRequest: components["schemas"]["JwtAuthStaticVerification"] & components["schemas"]["UpdateJwtAuthSettings"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            configurationType: "static";
        };
        /** @description Replacement JWT Auth configuration. The shape depends on `configurationType`. */
        UpdateJwtAuthRequest: components["schemas"]["UpdateJwtAuthJwksRequest"] | components["schemas"]["UpdateJwtAuthStaticRequest"];
        /** @description A stored JWT Auth configuration without its key material. The revoke endpoint returns this shape, and the full `IdentityJwtAuth` extends it. */
        DeletedIdentityJwtAuth: {
            /**
             * Format: uuid
             * @description ID of the configuration record.
             */
            id: $Read<string>;
            /**
             * Format: uuid
             * @description ID of the machine identity the configuration belongs to.
             */
            identityId: $Read<string>;
            /** @description How JWT signatures are verified. */
            configurationType: "jwks" | "static" | (string & {});
            /** @description JWKS endpoint. It is an empty string for `static` configurations. */
            jwksUrl: string;
            /** @description Required `iss` value. An empty string means no check. */
            boundIssuer: string;
            /** @description Allowed audiences, normalised to a `, `-separated list. An empty string means no check. */
            boundAudiences: string;
            /** @description Stored claim bindings. Infisical's spec types this answer as "anything"; it is typed like the request field because the server only accepts an object of strings there and stores it with each value re-joined as a `, `-separated string. Attach requires it, so every stored configuration has it. */
            boundClaims: components["schemas"]["BoundClaims"];
            /** @description Pattern for `sub`. An empty string means no check. */
            boundSubject: string;
            /** @description Lifetime of issued access tokens in seconds. Always present: the server's response schema fills in a default. */
            accessTokenTTL: number;
            /** @description Renewal limit of issued access tokens in seconds. 0 means no limit. Always present: the server's response schema fills in a default. */
            accessTokenMaxTTL: number;
            /** @description Use limit of issued access tokens. 0 means unlimited. Always present: the server's response schema fills in a default. */
            accessTokenNumUsesLimit: number;
            /** @description Renewal period of issued tokens in seconds. It cannot be set through these endpoints and is normally 0. Always present: the server's response schema fills in a default. */
            accessTokenPeriod: $Read<number>;
            /** @description Stored trusted addresses and ranges, in their parsed form, not in the form they were sent. Attach stores a default when none is sent, so every stored configuration has the list. */
            accessTokenTrustedIps: components["schemas"]["TrustedIp"][];
            /**
             * Format: date-time
             * @description When the configuration was attached.
             */
            createdAt: $Read<string>;
            /**
             * Format: date-time
             * @description When the configuration last changed.
             */
            updatedAt: $Read<string>;
        };
        /** @description A stored JWT Auth configuration, including its decrypted key material. */
        IdentityJwtAuth: components["schemas"]["DeletedIdentityJwtAuth"] & {
            /** @description PEM CA certificate for the JWKS endpoint, or an empty string. */
            jwksCaCert: string;
            /** @description Static public keys in PEM form. For `jwks` configurations this can be an empty list, or a list holding one empty string. */
            publicKeys: string[];
        };
        /** @description Wrapper returned by the attach, get and update endpoints. */
        IdentityJwtAuthEnvelope: {
            identityJwtAuth: components["schemas"]["IdentityJwtAuth"];
        };
        /** @description Wrapper returned by the revoke endpoint. */
        DeletedIdentityJwtAuthEnvelope: {
            identityJwtAuth: components["schemas"]["DeletedIdentityJwtAuth"];
        };
        /** @description Infisical's error envelope, used for every failure except request validation (422). */
        ErrorResponse: {
            /** @description Opaque ID of the request, for support tickets (for example `req-Fk3pQ9zLm2Xw7a`). Infisical's error handler always sends it. Only Fastify's route-not-found 404 leaves it out. */
            reqId?: $Read<string>;
            /** @description The HTTP status code, repeated. */
            statusCode: number;
            /** @description A sentence explaining the failure. */
            message: string;
            /** @description Short error class name. Some 403 answers put a sentence here instead (`Forbidden access to <url>`). */
            error: "BadRequest" | "CryptographyError" | "UnauthorizedError" | "TokenError" | "PermissionDenied" | "ForbiddenError" | "PermissionBoundaryError" | "PolicyViolationError" | "NotFound" | "RateLimitExceeded" | "InternalServerError" | "DatabaseError" | (string & {});
            /** @description Extra context sent with some 400 and 403 errors. For `PermissionDenied` it is a list of the permission rules that were checked. For `PermissionBoundaryError` it is an object with `missingPermissions`. */
            details?: unknown;
        };
        /** @description One problem found while validating the request, as the server's validator (zod) reports it. Infisical's own spec does not describe these objects, and their fields and wording change with the validator version, so no field is promised. `code`, `path` and `message` were present in every issue observed; the other fields depend on `code`, and extra keys are allowed. */
        ValidationIssue: {
            /** @description Kind of problem. */
            code?: "invalid_type" | "invalid_union_discriminator" | "invalid_string" | "too_small" | "too_big" | "custom" | (string & {});
            /** @description Location of the bad value, as object keys and array indexes. */
            path?: (string | number)[];
            /** @description Human-readable explanation. */
            message?: string;
            /** @description For `invalid_type`, the type that was expected. */
            expected?: string;
            /** @description For `invalid_type`, the type that was received. */
            received?: string;
            /** @description For discriminator and enum problems, the values that are allowed. */
            options?: unknown[];
            /** @description For `too_small`, the lower bound that was broken. */
            minimum?: number;
            /** @description For `too_big`, the upper bound that was broken. */
            maximum?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Error envelope for request validation failures (HTTP 422). Infisical's own spec leaves `message` untyped and optional and `error` a plain string; the types below say what current servers send without promising more. */
        ValidationErrorResponse: {
            /** @description Opaque ID of the request, for support tickets. Typed optional as in every other error envelope here, since failures produced by Fastify itself come without it. */
            reqId?: $Read<string>;
            /**
             * @description Always 422.
             * @constant
             */
            statusCode: 422;
            /** @description Usually the list of validation issues found in the request. It may also be a sentence, like the `message` of every other failure (the shape depends on the validator version on the server, and Infisical's spec does not fix it). */
            message?: components["schemas"]["ValidationIssue"][] | string;
            /** @description Error class name; `ValidationFailure` for request validation. */
            error: "ValidationFailure" | (string & {});
        };
    };
    responses: {
        /**
         * @description The request was well formed but broke a business rule. Examples:
         *     * JWT Auth is already attached, or is missing when it is read, updated or
         *       removed.
         *     * The TTL is larger than the max TTL.
         *     * `jwksUrl` points at a local or private address.
         *     * The plan does not allow IP restrictions.
         *     * The query string has malformed percent-encoding.
         *
         *     `error` is usually `BadRequest`. `details` may carry extra context.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No bearer token was sent (`Token missing`). Note that an expired or invalid token gives 403 `TokenError`, not 401. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The JWT was rejected or the identity could not be used. Possible causes:
         *     * The identity is unknown.
         *     * The JWT cannot be decoded, or its signature does not verify.
         *     * The JWT has expired.
         *     * A required `sub`, `aud` or claim is missing or does not match.
         *     * The identity may not access the requested sub-organization.
         *
         *     `error` is `UnauthorizedError`.
         */
        LoginUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The caller is authenticated but may not do this, or the bearer token itself was
         *     refused. Tell the cases apart with `error`:
         *
         *     * `TokenError`: the bearer token is expired, malformed or signed wrongly. This
         *       quirk means an expired or invalid token gives **403, not 401**. Treat it as
         *       "log in again and retry", as you would a 401.
         *     * `PermissionDenied`: the caller's role lacks the needed permission. `details`
         *       lists the rules that were checked.
         *     * `PermissionBoundaryError`: the target identity holds privileges the caller
         *       does not have. `details.missingPermissions` names them.
         *     * Any other value (for example `ForbiddenError`, or `Forbidden access to <url>`
         *       when the token type is not allowed on this route): access was refused for
         *       another reason.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The JWT verified, but its issuer or subject is not allowed by the identity's bindings. `error` is `ForbiddenError`. */
        LoginForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description A resource the request points to does not exist:
         *     * On login: the identity has no JWT Auth, or the sub-organization slug is
         *       unknown.
         *     * On the management routes: the identity does not exist in the caller's
         *       organization.
         *
         *     If the URL itself is wrong, Fastify's own 404 comes back. That body has no
         *     `reqId`.
         */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request body or parameters failed schema validation. `message` holds the list of validation issues. The exact issue fields and wording depend on the validator version on the server. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ValidationErrorResponse"];
            };
        };
        /** @description Your client IP used up its requests for the current 60-second window (Infisical Cloud only). Wait the number of seconds in `Retry-After`, or the number in the message, then try again. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description An unexpected server-side failure. This includes a JWKS endpoint that cannot be reached or has no key for the token's `kid`, invalid JSON in the request body, and database errors. The message is generic. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description ID of the machine identity whose JWT Auth configuration is targeted. Identity IDs are UUIDs, but the server does not check the format before looking the identity up.
         * @example 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f
         */
        IdentityId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description How many requests your client IP may make to this class of endpoint (read or write) in the current 60-second window. Only Infisical Cloud sends it. A self-hosted instance without rate limiting leaves it out.
         * @example 200
         */
        "X-RateLimit-Limit": number;
        /**
         * @description How many more requests your client IP may make in the current 60-second window before it gets 429. Only Infisical Cloud sends it.
         * @example 187
         */
        "X-RateLimit-Remaining": number;
        /**
         * @description Seconds left until the current rate-limit window ends and the counter starts again. This is a relative number of seconds, not an epoch timestamp. Only Infisical Cloud sends it.
         * @example 42
         */
        "X-RateLimit-Reset": number;
        /**
         * @description Sent with 429 only: how many seconds to wait before trying again (an integer count of seconds, not an HTTP date). The same number appears in the error message.
         * @example 42
         */
        "Retry-After": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    loginWithJwtAuth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JwtAuthLoginRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["JwtAuthLoginRequest"];
            };
        };
        responses: {
            /** @description The JWT was accepted and an Infisical access token was issued. */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JwtAuthLoginResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["LoginUnauthorized"];
            403: components["responses"]["LoginForbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getJwtAuth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the machine identity whose JWT Auth configuration is targeted. Identity IDs are UUIDs, but the server does not check the format before looking the identity up.
                 * @example 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f
                 */
                identityId: components["parameters"]["IdentityId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current JWT Auth configuration. */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityJwtAuthEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    attachJwtAuth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the machine identity whose JWT Auth configuration is targeted. Identity IDs are UUIDs, but the server does not check the format before looking the identity up.
                 * @example 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f
                 */
                identityId: components["parameters"]["IdentityId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AttachJwtAuthRequest"];
            };
        };
        responses: {
            /** @description JWT Auth is now attached. The stored configuration is returned. */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityJwtAuthEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteJwtAuth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the machine identity whose JWT Auth configuration is targeted. Identity IDs are UUIDs, but the server does not check the format before looking the identity up.
                 * @example 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f
                 */
                identityId: components["parameters"]["IdentityId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JWT Auth was removed. The removed configuration is returned. */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedIdentityJwtAuthEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    updateJwtAuth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the machine identity whose JWT Auth configuration is targeted. Identity IDs are UUIDs, but the server does not check the format before looking the identity up.
                 * @example 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f
                 */
                identityId: components["parameters"]["IdentityId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateJwtAuthRequest"];
            };
        };
        responses: {
            /** @description The configuration was updated. The stored result is returned. */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityJwtAuthEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
