import { createServer } from "node:http";
import type { Socket } from "node:net";
import type { JWTPayload } from "jose";
import { randomId, randomUUID } from "./engine.js";
import { type OidcIssuer, startOidcIssuer } from "./oidc-issuer.js";

/** Options of `startGithubActionsTokenEndpoint`; every field is optional. */
export interface GithubActionsTokenEndpointOptions {
  /** Sign with this issuer (default: a new `startOidcIssuer()`, closed together with the endpoint). */
  issuer?: OidcIssuer;
  /** `owner/name` of the repository the job runs for (default "acme/app"). */
  repository?: string;
  /** The git ref of the run (default "refs/heads/main"). */
  ref?: string;
  /** Lifetime of issued tokens in seconds (default 300); a negative value issues expired tokens. */
  tokenLifetimeSeconds?: number;
  /** Further claims put on every token (`environment`, `job_workflow_ref`, ...). */
  claims?: JWTPayload;
  /** The request token the endpoint accepts (default: a random one). */
  requestToken?: string;
}

/** One request the endpoint received; the request token itself is never kept. */
export interface GithubActionsTokenRequest {
  /** The HTTP method, as received (only `GET` is answered with a token). */
  method: string;
  /** The `audience` query parameter, when there was one. */
  audience: string | undefined;
  /** Whether it carried the right request token as a bearer. */
  authorized: boolean;
  /** The status it was answered with. */
  status: number;
}

/** A stand-in for the GitHub Actions runner's OIDC token endpoint, on 127.0.0.1. */
export interface GithubActionsTokenEndpoint {
  /** The endpoint's origin (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** What the runner puts in `ACTIONS_ID_TOKEN_REQUEST_URL` (it already has a query: `?api-version=2.0`). */
  readonly requestUrl: string;
  /** What the runner puts in `ACTIONS_ID_TOKEN_REQUEST_TOKEN`; a credential, so keep it out of logs. */
  readonly requestToken: string;
  /** The issuer that signs the tokens (its `url` is their `iss`, its `jwksUri` verifies them). */
  readonly issuer: OidcIssuer;
  /** The two variables of a job with `id-token: write`, to pass as `env` (or merge into `process.env`). */
  env(): {
    /** The request URL (`requestUrl`). */
    ACTIONS_ID_TOKEN_REQUEST_URL: string;
    /** The request token (`requestToken`). */
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: string;
  };
  /** Lifetime of the tokens issued from now on, in seconds; negative issues tokens that have expired. */
  tokenLifetimeSeconds: number;
  /** The requests received so far, oldest first. */
  readonly requests: readonly GithubActionsTokenRequest[];
  /** The claims of every token issued so far, oldest first. */
  issuedClaims(): JWTPayload[];
  /** Stops the server, dropping open connections, and closes the issuer if the endpoint started it. */
  close(): Promise<void>;
}

const TOKEN_PATH = "/_apis/distributedtask/idtoken";

/**
 * Starts a fake of the endpoint a GitHub Actions job gets its OIDC ID token from: `GET` on the request
 * URL with `&audience=...` and `Authorization: Bearer <request token>` answers `{ "value": "<jwt>" }`,
 * a token signed by a local OIDC issuer with GitHub's claims (`sub` `repo:<owner/name>:ref:<ref>`,
 * `repository`, `repository_owner`, `ref`, `sha`, `workflow`, `run_id`, ...) and `aud` from the
 * `audience` parameter (default `https://github.com/<owner>`, as on GitHub). A missing or wrong request
 * token is a 401.
 *
 * @example
 * const runner = await startGithubActionsTokenEndpoint();
 * const jwt = githubActionsIdToken({ audience: "confluent", env: runner.env() });
 * // register runner.issuer.url / runner.issuer.jwksUri at the fake provider, then exchange `jwt`
 */
export async function startGithubActionsTokenEndpoint(
  options: GithubActionsTokenEndpointOptions = {},
): Promise<GithubActionsTokenEndpoint> {
  const ownsIssuer = options.issuer === undefined;
  const issuer = options.issuer ?? (await startOidcIssuer());
  const requestToken = options.requestToken ?? `ghs_${randomId(40)}`;
  const repository = options.repository ?? "acme/app";
  const ref = options.ref ?? "refs/heads/main";
  const owner = repository.split("/")[0] ?? repository;
  const runId = String(1_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
  const sha = Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  const requests: GithubActionsTokenRequest[] = [];
  const issued: JWTPayload[] = [];
  const sockets = new Set<Socket>();
  const endpoint = { tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 300 };

  const claimsFor = (audience: string): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + endpoint.tokenLifetimeSeconds;
    const iat = Math.min(now, exp - 1);
    return {
      jti: randomUUID(),
      sub: `repo:${repository}:ref:${ref}`,
      aud: audience,
      ref,
      ref_type: ref.startsWith("refs/tags/") ? "tag" : "branch",
      sha,
      repository,
      repository_owner: owner,
      run_id: runId,
      run_number: "1",
      run_attempt: "1",
      actor: "ci-bot",
      workflow: "deploy",
      event_name: "push",
      job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
      ...options.claims,
      iat,
      nbf: iat,
      exp,
    };
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const audience = url.searchParams.get("audience") ?? undefined;
    const authorization = request.headers.authorization ?? "";
    const authorized = /^bearer /i.test(authorization) && authorization.slice(7) === requestToken;
    const answer = (status: number, body: unknown) => {
      requests.push({ method: request.method ?? "", audience, authorized, status });
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    request.resume();
    if (url.pathname !== TOKEN_PATH) return answer(404, { message: "Not found" });
    if (request.method !== "GET") return answer(405, { message: "Method not allowed" });
    if (!authorized) return answer(401, { message: "The request token is missing or not valid" });
    if (audience === "") return answer(400, { message: "audience must not be empty" });
    const claims = claimsFor(audience ?? `https://github.com/${owner}`);
    issuer.sign(claims).then(
      (value) => {
        issued.push(claims);
        answer(200, { value });
      },
      () => answer(500, { message: "signing failed" }),
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("endpoint has no TCP address");
  const origin = `http://127.0.0.1:${address.port}`;
  const requestUrl = `${origin}${TOKEN_PATH}?api-version=2.0`;

  return {
    url: origin,
    requestUrl,
    requestToken,
    issuer,
    requests,
    env: () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }),
    get tokenLifetimeSeconds() {
      return endpoint.tokenLifetimeSeconds;
    },
    set tokenLifetimeSeconds(seconds: number) {
      if (!Number.isFinite(seconds)) throw new RangeError("tokenLifetimeSeconds must be a finite number");
      endpoint.tokenLifetimeSeconds = seconds;
    },
    issuedClaims: () => issued.map((claims) => ({ ...claims })),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      if (ownsIssuer) await issuer.close();
    },
  };
}
