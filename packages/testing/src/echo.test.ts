import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AllFakes, startAll } from "./all.js";
import { secretForms } from "./echo.js";

// Secrets with characters that every encoding changes, so that each form is distinct.
const PASSWORD = "pw/with+plus=and space";
const TOKEN = "bearer.token/with+chars==";
const API_KEY = "api-key/with+chars=";
const SUBJECT_TOKEN = "subject.token/with+chars=";
const LOGIN_JWT = "login.jwt/with+chars=";
const UNKNOWN_ID = "6f1d1b4e-0000-4000-8000-000000000000";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

let echoing: AllFakes;
let quiet: AllFakes;
beforeAll(async () => {
  [echoing, quiet] = await Promise.all([startAll({ echoCredentials: true }), startAll()]);
});
afterAll(async () => {
  await Promise.all([echoing.close(), quiet.close()]);
});

/** One failing request, the provider's message field of its answer and the secrets it carried. */
interface Probe {
  name: string;
  status: number;
  send: (fakes: AllFakes) => Promise<Response>;
  /** The failure body's message field (where the echo goes). */
  field: (body: Record<string, unknown>) => unknown;
  secrets: (fakes: AllFakes) => string[];
  /** Headers expected verbatim when echoing. */
  headers?: Record<string, string>;
}

const confluentDetail = (body: Record<string, unknown>) =>
  (body.errors as { detail?: string }[] | undefined)?.[0]?.detail;
const icaDetail = (body: Record<string, unknown>) => body.detail;
const infisicalMessage = (body: Record<string, unknown>) => body.message;

const basicPair = (fakes: AllFakes) => `${fakes.confluent.apiKey.username}:${PASSWORD}`;
const stsForm = (subjectToken: string) =>
  new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: subjectToken,
    identity_pool_id: "pool-missing",
    subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
    requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
  });
const ICA_ACCEPT = "application/vnd.illumina.v3+json";

const probes: Probe[] = [
  {
    name: "Confluent: a wrong Basic API key (401)",
    status: 401,
    send: (fakes) =>
      fetch(`${fakes.confluent.url}/iam/v2/identity-providers`, {
        headers: { authorization: `Basic ${b64(basicPair(fakes))}` },
      }),
    field: confluentDetail,
    secrets: (fakes) => [PASSWORD, basicPair(fakes)],
  },
  {
    name: "Confluent: an unknown bearer token (401)",
    status: 401,
    send: (fakes) =>
      fetch(`${fakes.confluent.url}/iam/v2/identity-providers`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    field: confluentDetail,
    secrets: () => [TOKEN],
    headers: { "x-echo-authorization": `Bearer ${TOKEN}` },
  },
  {
    name: "Confluent: an unknown provider with a valid key (404)",
    status: 404,
    send: (fakes) =>
      fetch(`${fakes.confluent.url}/iam/v2/identity-providers/op-missing`, {
        headers: {
          authorization: `Basic ${b64(`${fakes.confluent.apiKey.username}:${fakes.confluent.apiKey.password}`)}`,
        },
      }),
    field: confluentDetail,
    secrets: (fakes) => [fakes.confluent.apiKey.password],
  },
  {
    name: "Confluent: an STS exchange for an unknown pool, subject_token in the form (400)",
    status: 400,
    send: (fakes) =>
      fetch(`${fakes.confluent.url}/sts/v1/oauth2/token`, { method: "POST", body: stsForm(SUBJECT_TOKEN) }),
    field: confluentDetail,
    secrets: () => [SUBJECT_TOKEN],
    headers: { "x-echo-body": `subject_token=${SUBJECT_TOKEN}` },
  },
  {
    name: "ICA: an unknown X-API-Key (401)",
    status: 401,
    send: (fakes) =>
      fetch(`${fakes.ica.url}/api/tokens`, {
        method: "POST",
        headers: { "x-api-key": API_KEY, accept: ICA_ACCEPT },
      }),
    field: icaDetail,
    secrets: () => [API_KEY],
    headers: { "x-echo-api-key": API_KEY },
  },
  {
    name: "ICA: a wrong Basic password (401)",
    status: 401,
    send: (fakes) =>
      fetch(`${fakes.ica.url}/api/tokens`, {
        method: "POST",
        headers: { authorization: `Basic ${b64(`lab-user@example.com:${PASSWORD}`)}`, accept: ICA_ACCEPT },
      }),
    field: icaDetail,
    secrets: () => [PASSWORD, `lab-user@example.com:${PASSWORD}`],
    headers: { "x-echo-basic": "lab-user@example.com:pw/with+plus=and space" },
  },
  {
    name: "ICA: a JWT it did not sign, on refresh (401)",
    status: 401,
    send: (fakes) =>
      fetch(`${fakes.ica.url}/api/tokens:refresh`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, accept: ICA_ACCEPT },
      }),
    field: icaDetail,
    secrets: () => [TOKEN],
  },
  {
    name: "ICA: an Accept without the vendor type (400 precheck)",
    status: 400,
    send: (fakes) =>
      fetch(`${fakes.ica.url}/api/tokens`, {
        method: "POST",
        headers: { "x-api-key": API_KEY, accept: "application/problem+json" },
      }),
    field: icaDetail,
    secrets: () => [API_KEY],
  },
  {
    name: "Infisical: a malformed bearer token (403 TokenError)",
    status: 403,
    send: (fakes) =>
      fetch(`${fakes.infisical.url}/api/v1/auth/jwt-auth/identities/${UNKNOWN_ID}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    field: infisicalMessage,
    secrets: () => [TOKEN],
  },
  {
    name: "Infisical: a login for an identity without JWT Auth, jwt in the body (404)",
    status: 404,
    send: (fakes) =>
      fetch(`${fakes.infisical.url}/api/v1/auth/jwt-auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ identityId: UNKNOWN_ID, jwt: LOGIN_JWT }),
      }),
    field: infisicalMessage,
    secrets: () => [LOGIN_JWT],
    headers: { "x-echo-body": `jwt=${LOGIN_JWT}` },
  },
  {
    name: "Infisical: an invalid body (422, message is an issue list)",
    status: 422,
    send: (fakes) =>
      fetch(`${fakes.infisical.url}/api/v1/auth/jwt-auth/identities/${UNKNOWN_ID}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${fakes.infisical.adminToken}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ configurationType: "nonsense" }),
      }),
    field: (body) => JSON.stringify(body.message),
    secrets: (fakes) => [fakes.infisical.adminToken],
  },
  {
    name: "Infisical: an unknown route (Fastify 404)",
    status: 404,
    send: (fakes) =>
      fetch(`${fakes.infisical.url}/api/v9/nowhere`, { headers: { authorization: `Bearer ${TOKEN}` } }),
    field: infisicalMessage,
    secrets: () => [TOKEN],
  },
];

async function answer(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as Record<string, unknown>,
    headers: Object.fromEntries(response.headers),
  };
}

const ECHO_HEADERS = [
  "x-echo-authorization",
  "x-echo-api-key",
  "x-echo-basic",
  "x-echo-body",
  "x-echo-base64",
  "x-echo-base64url",
  "x-echo-urlencoded",
];

describe("echoCredentials: true", () => {
  it.each(probes)("$name: echoes every form in the message field and in headers", async (probe) => {
    const reply = await answer(await probe.send(echoing));
    expect(reply.status).toBe(probe.status);
    const field = String(probe.field(reply.body));
    const headerText = Object.values(reply.headers).join("\n");
    for (const secret of probe.secrets(echoing)) {
      for (const form of secretForms(secret)) {
        expect(field, `${form} in the message field`).toContain(form);
        expect(headerText, `${form} in a header`).toContain(form);
      }
    }
    expect(field).toContain("[echo]");
    for (const [name, value] of Object.entries(probe.headers ?? {})) expect(reply.headers[name]).toBe(value);
  });

  it("echoes the raw Authorization value, the decoded pair and the base64 of both kinds of secret", async () => {
    const pair = basicPair(echoing);
    const reply = await answer(await probes[0]!.send(echoing));
    const detail = String(confluentDetail(reply.body));
    expect(detail).toContain(`authorization=Basic ${b64(pair)}`);
    expect(detail).toContain(`basic=${pair}`);
    expect(reply.headers["x-echo-authorization"]).toBe(`Basic ${b64(pair)}`);
    expect(reply.headers["x-echo-base64"]?.split(",")).toEqual([b64(pair), b64(PASSWORD)]);
    expect(reply.headers["x-echo-urlencoded"]?.split(",")).toEqual([
      encodeURIComponent(pair),
      encodeURIComponent(PASSWORD),
    ]);
    // A 401 keeps the provider's challenge and adds the credential as a parameter.
    expect(reply.headers["www-authenticate"]).toBe(
      `Basic error="invalid_key", error_description="The API Key is invalid", token="${b64(pair)}"`,
    );
    const ica = await answer(await probes[4]!.send(echoing));
    expect(ica.headers["www-authenticate"]).toBe(`ApiKey realm="fake", api_key="${API_KEY}"`);
    const bearer = await answer(await probes[1]!.send(echoing));
    expect(bearer.headers["www-authenticate"]).toContain(`token="${TOKEN}"`);
  });

  it("adds the echo to every failure status, including injected faults and a bodiless Confluent 429", async () => {
    const statuses = [400, 401, 403, 404, 422, 429, 500, 503];
    const basic = `Basic ${b64(`someone:${PASSWORD}`)}`;
    for (const status of statuses) {
      echoing.confluent.faults.inject({ status });
      echoing.ica.faults.inject({ status });
      echoing.infisical.faults.inject({ status });
      const replies = [
        [
          confluentDetail,
          await answer(
            await fetch(`${echoing.confluent.url}/iam/v2/identity-providers`, {
              headers: { authorization: basic },
            }),
          ),
        ],
        [
          icaDetail,
          await answer(
            await fetch(`${echoing.ica.url}/api/tokens`, {
              method: "POST",
              headers: { authorization: basic, accept: ICA_ACCEPT },
            }),
          ),
        ],
        [
          infisicalMessage,
          await answer(
            await fetch(`${echoing.infisical.url}/api/v1/auth/jwt-auth/identities/${UNKNOWN_ID}`, {
              headers: { authorization: basic },
            }),
          ),
        ],
      ] as const;
      for (const [field, reply] of replies) {
        expect(reply.status).toBe(status);
        for (const form of secretForms(PASSWORD)) {
          expect(String(field(reply.body)), `${status}: ${form}`).toContain(form);
          expect(Object.values(reply.headers).join("\n"), `${status}: ${form}`).toContain(form);
        }
        expect(reply.headers["x-echo-authorization"]).toBe(basic);
        expect(reply.headers["www-authenticate"] !== undefined).toBe(status === 401);
      }
    }
  });

  it("appends the echo to an injected string body", async () => {
    echoing.ica.faults.inject({ status: 502, body: "upstream broke" });
    const response = await fetch(`${echoing.ica.url}/api/tokens`, {
      method: "POST",
      headers: { "x-api-key": API_KEY, accept: ICA_ACCEPT },
    });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text.startsWith("upstream broke\n[echo] ")).toBe(true);
    expect(text).toContain(`x-api-key=${API_KEY}`);
  });

  it("keeps header values legal for secrets outside ASCII", async () => {
    const jwt = "jwt-ä-\u2028-€";
    const response = await fetch(`${echoing.infisical.url}/api/v1/auth/jwt-auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${b64("user:pässword with space")}`,
      },
      body: JSON.stringify({ identityId: UNKNOWN_ID, jwt }),
    });
    expect(response.status).toBe(404);
    const reply = await answer(response);
    for (const name of ECHO_HEADERS) {
      if (reply.headers[name] !== undefined) expect(reply.headers[name]).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(reply.headers["x-echo-body"]).toBe(`jwt=${encodeURIComponent(jwt)}`);
    expect(reply.headers["x-echo-basic"]).toBe("user:p%C3%A4ssword with space");
    expect(String(reply.body.message)).toContain(`jwt=${jwt}`);
    expect(String(reply.body.message)).toContain("basic=user:pässword with space");
  });

  it("leaves successful answers alone", async () => {
    const response = await fetch(`${echoing.ica.url}/api/tokens`, {
      method: "POST",
      headers: { "x-api-key": echoing.ica.apiKey, accept: ICA_ACCEPT },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of ECHO_HEADERS) expect(response.headers.get(name)).toBeNull();
    for (const form of secretForms(echoing.ica.apiKey)) expect(text).not.toContain(form);
  });
});

describe("echoCredentials off (the default)", () => {
  it.each(probes)("$name: echoes nothing", async (probe) => {
    const reply = await answer(await probe.send(quiet));
    expect(reply.status).toBe(probe.status);
    for (const name of ECHO_HEADERS) expect(reply.headers[name]).toBeUndefined();
    const everything = `${reply.text}\n${Object.values(reply.headers).join("\n")}`;
    expect(everything).not.toContain("[echo]");
    for (const secret of probe.secrets(quiet)) {
      for (const form of secretForms(secret)) expect(everything).not.toContain(form);
    }
  });
});

describe("secretForms", () => {
  it("lists raw, base64 (unpadded), base64url and URL-encoded forms, without duplicates", () => {
    expect(secretForms("s?>")).toEqual(["s?>", "cz8+", "cz8-", "s%3F%3E"]);
    expect(secretForms("plain")).toEqual(["plain", "cGxhaW4"]);
    expect(secretForms("")).toEqual([]);
  });
});
