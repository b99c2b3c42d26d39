// This file is generated from specs/ica/openapi.yaml by `pnpm generate` (tooling/codegen).
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
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a JWT from an API key, a username/password pair or a psToken
         * @description Exchanges one credential for a JWT that can then be sent as `Authorization: Bearer <jwt>`
         *     to the rest of the API. Pick exactly one credential: an API key in `X-API-Key`, HTTP Basic
         *     with the account's e-mail address and password, or a psToken as a bearer token.
         *
         *     The request has no body. Send `Accept: application/vnd.illumina.v3+json`: ICA picks the
         *     endpoint version from this header and answers a request whose only acceptable type is
         *     `application/problem+json` with a 400 ("Invalid Accept Header") instead of a token.
         *
         *     Basic authentication is refused for tenants that sign in through SSO. A person with
         *     accounts in several tenants who uses Basic authentication should name the wanted tenant
         *     in `tenant`.
         *
         *     A JWT obtained here from an API key cannot be refreshed later; mint a new one with the
         *     key when it nears expiry.
         */
        post: operations["createJwtToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens:refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Prolong a JWT that has not expired yet
         * @description Takes the current JWT as a bearer token and answers with a JWT whose validity is extended.
         *     The JWT must still be valid when this is called. JWTs that were minted from an API key
         *     cannot be refreshed this way and are rejected; callers holding an API key should call
         *     `createJwtToken` again instead. Only JWTs obtained with Basic authentication or a psToken
         *     qualify.
         *
         *     The request has no body. As with minting, send
         *     `Accept: application/vnd.illumina.v3+json`; an `Accept` that lists only
         *     `application/problem+json` makes ICA reply 400 ("Invalid Accept Header").
         */
        post: operations["refreshJwtToken"];
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
        /** @description The body of a successful mint or refresh. Only the JWT itself is returned; its lifetime is in the token's `exp` claim. ICA's own schema lists `token` without marking it required, but a successful answer carries it: it is the only field the operations return, and the known hand-written clients read `token` from every 200 body. It is required here so that callers get a `string`; a 200 without it is a broken answer, not an optional case. */
        Token: {
            /**
             * @description The JWT to send as `Authorization: Bearer <token>` on later calls.
             * @example eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWFiYzEyMyJ9.ZmFrZS1zaWduYXR1cmU
             */
            token: $Read<string>;
        };
        /** @description An RFC 7807 problem document as ICA returns it. ICA puts its own error code (such as `ICA_API_004`) in `title` and the human-readable message in `detail`. Bodies may carry keys that are not listed here, so unknown keys must be tolerated. */
        Problem: {
            /**
             * Format: uuid
             * @description ICA's identifier for this occurrence of the problem (not part of RFC 7807).
             */
            id?: $Read<string>;
            /**
             * Format: uri
             * @description URI naming the kind of problem; `about:blank` when ICA gives no specific kind.
             */
            type: string;
            /** @description Short label of the problem kind; for ICA this is usually an error code. */
            title: string;
            /**
             * Format: int32
             * @description The HTTP status code of the response, repeated in the body.
             */
            status: number;
            /** @description Human-readable explanation of what went wrong in this request. */
            detail?: string;
            /**
             * Format: uri
             * @description URI of the request that failed.
             */
            instance?: string;
            /** @description Extra details keyed by name, for instance which request field failed validation (an ICA addition to RFC 7807). Often empty. */
            parameters: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @description When ICA produced the problem (an ICA addition to RFC 7807).
             */
            timestamp: $Read<string>;
            /**
             * @description HTTP method of the failed request. Seen in real ICA error bodies although ICA's own schema does not list it.
             * @example POST
             */
            method?: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description The request was not acceptable, for example because its `Accept` header did not allow `application/vnd.illumina.v3+json`. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The credential was missing, malformed, unknown, revoked or expired. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The credential was recognised but may not be used for this call (for example Basic authentication on an SSO tenant, or refreshing a JWT minted from an API key). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Any other failure, including server-side errors (5xx). The body's `status` repeats the HTTP status code. */
        UnexpectedProblem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createJwtToken: {
        parameters: {
            query?: {
                /**
                 * @description Which tenant to sign in to, for users who belong to more than one. Mainly useful with Basic authentication, where one e-mail address can map to several tenants.
                 * @example my-lab-tenant
                 */
                tenant?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new JWT was issued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.illumina.v3+json": components["schemas"]["Token"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            default: components["responses"]["UnexpectedProblem"];
        };
    };
    refreshJwtToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The JWT was refreshed; the body carries the token to use from now on. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.illumina.v3+json": components["schemas"]["Token"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            default: components["responses"]["UnexpectedProblem"];
        };
    };
}
