// A minimal stand-in for the three services, used only when @idclients/testing's fakes are not
// installable (its dist missing or without `startAll`). It serves exactly the calls consumer/app.ts
// makes, in each provider's wire format, so the smoke can still prove the packed packages work.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SmokeTargets } from "../consumer/smoke-targets.js";

export interface RunningServers {
  targets: SmokeTargets;
  source: string;
  close(): Promise<void>;
}

const CONFLUENT_KEY = { username: "SMOKEKEY", password: "smoke-secret" };
const ICA_API_KEY = "smoke-ica-api-key";
const INFISICAL_ADMIN_TOKEN = "smoke-infisical-admin-token";
const IDENTITY_ID = "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f";

type Handler = (request: IncomingMessage, url: URL, body: string) => Promise<Reply> | Reply;
interface Reply {
  status: number;
  type?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function startStandIn(): Promise<RunningServers> {
  const confluent = await listen(confluentHandler());
  const ica = await listen(icaHandler());
  const infisical = await listen(infisicalHandler());
  return {
    source: "stand-in node:http servers in tooling/smoke/src/stand-in.ts",
    targets: {
      confluent: { baseUrl: confluent.url, apiKey: CONFLUENT_KEY },
      ica: { baseUrl: ica.url, apiKey: ICA_API_KEY },
      infisical: { baseUrl: infisical.url, accessToken: INFISICAL_ADMIN_TOKEN, identityId: IDENTITY_ID },
    },
    close: async () => {
      await Promise.all([confluent.close(), ica.close(), infisical.close()]);
    },
  };
}

async function listen(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      Promise.resolve(handler(request, url, Buffer.concat(chunks).toString("utf8")))
        .then((reply) => send(response, reply))
        .catch(() => send(response, { status: 500, body: { message: "stand-in failure" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  headers["content-type"] = reply.type ?? "application/json";
  response.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
}

function confluentHandler(): Handler {
  const providers = new Map<string, Record<string, unknown>>();
  const failure = (status: number, code: string, detail: string): Reply => ({
    status,
    headers: { "x-request-id": randomUUID() },
    body: { errors: [{ status: String(status), code, detail }] },
  });
  return (request, url, body) => {
    const expected = `Basic ${btoa(`${CONFLUENT_KEY.username}:${CONFLUENT_KEY.password}`)}`;
    if (request.headers.authorization !== expected) return failure(401, "unauthorized", "bad API key");
    const match = /^\/iam\/v2\/identity-providers(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return failure(404, "not_found", "no such path");
    const id = match[1];
    if (id === undefined && request.method === "POST") {
      const input = JSON.parse(body) as Record<string, unknown>;
      const created = {
        ...input,
        api_version: "iam/v2",
        kind: "IdentityProvider",
        id: `op-${randomUUID().slice(0, 8)}`,
        state: "ENABLED",
        metadata: { self: url.href },
      };
      providers.set(created.id, created);
      return { status: 201, body: created };
    }
    if (id === undefined && request.method === "GET") {
      const all = [...providers.values()];
      const size = Number(url.searchParams.get("page_size") ?? 10);
      const from = Number(url.searchParams.get("page_token") ?? 0);
      const next = from + size < all.length ? `${url.origin}${url.pathname}?page_token=${from + size}` : null;
      return {
        status: 200,
        body: {
          api_version: "iam/v2",
          kind: "IdentityProviderList",
          metadata: { next },
          data: all.slice(from, from + size),
        },
      };
    }
    const stored = id === undefined ? undefined : providers.get(id);
    if (id === undefined || stored === undefined)
      return failure(404, "not_found", "identity provider not found");
    if (request.method === "GET") return { status: 200, body: stored };
    if (request.method === "DELETE") {
      providers.delete(id);
      return { status: 204 };
    }
    return failure(405, "method_not_allowed", "method not allowed");
  };
}

function icaHandler(): Handler {
  return (request, url) => {
    if (request.method !== "POST" || url.pathname !== "/api/tokens") {
      return { status: 404, type: "application/problem+json", body: { status: 404, title: "Not Found" } };
    }
    if (request.headers["x-api-key"] !== ICA_API_KEY) {
      return { status: 401, type: "application/problem+json", body: { status: 401, title: "Unauthorized" } };
    }
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = `${encode({ alg: "none" })}.${encode({ sub: "smoke", exp })}.c21va2U`;
    return { status: 200, type: "application/vnd.illumina.v3+json", body: { token } };
  };
}

function infisicalHandler(): Handler {
  let config: Record<string, unknown> | undefined;
  const failure = (status: number, error: string, message: string): Reply => ({
    status,
    body: { reqId: randomUUID(), statusCode: status, message, error },
  });
  return async (request, url, body) => {
    if (url.pathname === "/api/v1/auth/jwt-auth/login" && request.method === "POST") {
      const { identityId, jwt } = JSON.parse(body) as { identityId: string; jwt: string };
      if (config === undefined || identityId !== IDENTITY_ID)
        return failure(400, "BadRequest", "no JWT auth");
      if (!(await verifies(jwt, config))) return failure(401, "UnauthorizedError", "Invalid JWT");
      return {
        status: 200,
        body: { accessToken: randomUUID(), expiresIn: 3600, accessTokenMaxTTL: 86400, tokenType: "Bearer" },
      };
    }
    if (request.headers.authorization !== `Bearer ${INFISICAL_ADMIN_TOKEN}`) {
      return failure(401, "UnauthorizedError", "Invalid token");
    }
    if (url.pathname !== `/api/v1/auth/jwt-auth/identities/${IDENTITY_ID}`)
      return failure(404, "NotFound", "no such identity");
    if (request.method === "POST") {
      const input = JSON.parse(body) as Record<string, unknown>;
      config = { id: randomUUID(), identityId: IDENTITY_ID, jwksUrl: "", accessTokenTTL: 3600, ...input };
      return { status: 200, body: { identityJwtAuth: config } };
    }
    if (config === undefined) return failure(400, "BadRequest", "no JWT auth attached");
    if (request.method === "GET") return { status: 200, body: { identityJwtAuth: config } };
    if (request.method === "DELETE") {
      const removed = config;
      config = undefined;
      return { status: 200, body: { identityJwtAuth: removed } };
    }
    return failure(405, "MethodNotAllowed", "method not allowed");
  };
}

/** Checks an ES256 JWT against the configured PEM keys and the bound issuer. */
async function verifies(jwt: string, config: Record<string, unknown>): Promise<boolean> {
  const [header, payload, signature] = jwt.split(".");
  if (header === undefined || payload === undefined || signature === undefined) return false;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: string };
  if (claims.iss !== config.boundIssuer) return false;
  for (const pem of (config.publicKeys as string[] | undefined) ?? []) {
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
    const key = await crypto.subtle.importKey("spki", der, { name: "ECDSA", namedCurve: "P-256" }, false, [
      "verify",
    ]);
    const ok = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      Buffer.from(signature, "base64url"),
      new TextEncoder().encode(`${header}.${payload}`),
    );
    if (ok) return true;
  }
  return false;
}
