import { createServer } from "node:http";
import type { Socket } from "node:net";
import type { JSONWebKeySet, JWTPayload } from "jose";
import { jwksOf, SigningKey } from "./keys.js";

/** Options of `startOidcIssuer`. */
export interface OidcIssuerOptions {
  /** Keep publishing retired keys in the JWKS after `rotateKey()` (default false: only the current key). */
  publishRetiredKeys?: boolean;
  /** Default lifetime of tokens from `sign()` in seconds (default 300). */
  tokenLifetimeSeconds?: number;
  /** Default `aud` of tokens from `sign()` (none when left out). */
  audience?: string;
  /** Port to listen on (default: a free one). The issuer always listens on 127.0.0.1. */
  port?: number;
  /**
   * The URL under which others reach this issuer (default `http://127.0.0.1:<port>`), e.g. a tunnel's
   * public https URL when real providers must fetch the JWKS. It becomes `iss` and the base of `jwks_uri`.
   */
  publicUrl?: string;
}

/** Options of `OidcIssuer.sign`. */
export interface SignOptions {
  /** Sign with this key (a retired one, for negative tests) instead of the current key. */
  kid?: string;
  /** Lifetime in seconds; ignored when the claims carry `exp`. */
  expiresInSeconds?: number;
}

/** A local OpenID Connect issuer: discovery document, JWKS endpoint and a signing key you control. */
export interface OidcIssuer {
  /** The issuer identifier (`iss`), also the base of its endpoints. */
  readonly url: string;
  /** Where the JWKS is served. */
  readonly jwksUri: string;
  /** `kid` of the key `sign()` uses by default. */
  readonly currentKid: string;
  /** Every key this issuer ever had, current last; retired keys stay usable with `sign(..., { kid })`. */
  readonly keys: readonly SigningKey[];
  /** The current public key as an SPKI PEM (for Infisical's static configuration). */
  readonly publicKeyPem: string;
  /** The JWKS as currently served. */
  jwks(): JSONWebKeySet;
  /** Signs a token with `iss` set to this issuer and `iat`/`exp` filled in. */
  sign(claims?: JWTPayload, options?: SignOptions): Promise<string>;
  /** Creates a new signing key and makes it current; returns its `kid`. The old key is retired. */
  rotateKey(): Promise<string>;
  /** Makes the JWKS endpoint answer with this HTTP status (no keys) until `restoreJwks()`. */
  failJwks(status?: number): void;
  /** Makes the JWKS endpoint serve the keys again after `failJwks`. */
  restoreJwks(): void;
  /** How many times the JWKS was downloaded. */
  readonly jwksFetches: number;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a minimal OpenID Connect issuer on 127.0.0.1 with a free port.
 *
 * @example
 * const issuer = await startOidcIssuer();
 * const jwt = await issuer.sign({ sub: "ci-runner", aud: "confluent" });
 * const newKid = await issuer.rotateKey(); // the old key is no longer published
 * const stale = await issuer.sign({ sub: "ci-runner" }, { kid: issuer.keys[0]!.kid });
 */
export async function startOidcIssuer(options: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  const keys: SigningKey[] = [await SigningKey.generate()];
  const sockets = new Set<Socket>();
  let jwksFailure: number | undefined;
  let jwksFetches = 0;
  const lifetime = options.tokenLifetimeSeconds ?? 300;

  const current = () => keys[keys.length - 1] as SigningKey;
  const published = () => (options.publishRetiredKeys ? keys : [current()]);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && path === "/.well-known/openid-configuration") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          issuer: url,
          jwks_uri: jwksUri,
          response_types_supported: ["id_token"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      );
      return;
    }
    if (request.method === "GET" && path === "/jwks") {
      jwksFetches += 1;
      if (jwksFailure !== undefined) {
        response.writeHead(jwksFailure, { "content-type": "text/plain" });
        response.end("JWKS unavailable");
        return;
      }
      response.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=300" });
      response.end(JSON.stringify(jwksOf(published())));
      return;
    }
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not found");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("issuer has no TCP address");
  const url = options.publicUrl?.replace(/\/+$/, "") ?? `http://127.0.0.1:${address.port}`;
  const jwksUri = `${url}/jwks`;

  return {
    url,
    jwksUri,
    get currentKid() {
      return current().kid;
    },
    get keys() {
      return [...keys];
    },
    get publicKeyPem() {
      return current().publicPem;
    },
    get jwksFetches() {
      return jwksFetches;
    },
    jwks: () => jwksOf(published()),
    sign: async (claims = {}, signOptions = {}) => {
      const key =
        signOptions.kid === undefined
          ? current()
          : keys.find((candidate) => candidate.kid === signOptions.kid);
      if (!key) throw new Error(`The issuer has no key with kid ${signOptions.kid}`);
      const payload: JWTPayload = { iss: url, ...claims };
      if (payload.aud === undefined && options.audience !== undefined) payload.aud = options.audience;
      return key.sign(payload, { expiresInSeconds: signOptions.expiresInSeconds ?? lifetime });
    },
    rotateKey: async () => {
      const next = await SigningKey.generate();
      keys.push(next);
      return next.kid;
    },
    failJwks: (status = 503) => {
      jwksFailure = status;
    },
    restoreJwks: () => {
      jwksFailure = undefined;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
