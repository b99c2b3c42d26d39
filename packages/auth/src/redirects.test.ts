import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient, unwrap } from "./client.js";
import { RedirectError } from "./errors.js";
import { type paths, type TestAuth, testClient, testMeta } from "./test-support/meta.js";
import { type Handler, json, type SeenRequest, startServer, type TestServer } from "./test-support/server.js";
import { Transport } from "./transport.js";
import type { OperationMeta } from "./types.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server answering by path (and query); anything else gets 200 {"id": path}. */
async function serve(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const server = await startServer((request, res, index) => {
    const route = routes[request.url];
    if (route) return route(request, res, index);
    json(res, request.method === "POST" ? 201 : 200, { id: request.url });
  });
  servers.push(server);
  return server;
}

const redirect =
  (status: number, location?: string): Handler =>
  (_request, res) => {
    res.writeHead(status, location === undefined ? {} : { location });
    res.end();
  };

/** `/items/r<n>` redirects to `/items/r<n-1>`; `/items/r0` answers 200. */
async function chain(): Promise<TestServer> {
  const server = await startServer((request, res) => {
    const n = Number(/^\/items\/r(\d+)$/.exec(request.url)?.[1]);
    if (n > 0) return redirect(302, `/items/r${n - 1}`)(request, res, 0);
    json(res, 200, { id: request.url });
  });
  servers.push(server);
  return server;
}

const getItem = (client: ReturnType<typeof testClient>, id = "1") =>
  client.GET("/items/{id}", { params: { path: { id } } });

async function refusal(call: Promise<unknown>): Promise<RedirectError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RedirectError);
  return error as RedirectError;
}

const summary = (requests: SeenRequest[]) =>
  requests.map((r) => ({
    method: r.method,
    url: r.url,
    body: r.body,
    authorization: r.headers.authorization,
    contentType: r.headers["content-type"],
  }));

describe("same-origin redirects", () => {
  it.each([301, 302, 303, 307, 308])(
    "follows a %i for a GET, with the credentials on every hop",
    async (status) => {
      const server = await serve({ "/items/1": redirect(status, "/items/2") });
      const { data } = await getItem(testClient(server.url, { auth: { bearer: "tok-1" } }));
      expect(data).toEqual({ id: "/items/2" });
      expect(summary(server.requests)).toEqual([
        { method: "GET", url: "/items/1", body: "", authorization: "Bearer tok-1", contentType: undefined },
        { method: "GET", url: "/items/2", body: "", authorization: "Bearer tok-1", contentType: undefined },
      ]);
      expect(server.requests[1]?.headers.accept).toBe("application/json, application/problem+json");
    },
  );

  it("asks a token provider once per attempt, not once per hop", async () => {
    const server = await serve({
      "/items/1": redirect(302, "/items/2"),
      "/items/2": redirect(307, "/items/3"),
    });
    const getToken = vi.fn(async () => "tok-p");
    await unwrap(getItem(testClient(server.url, { auth: { bearer: { getToken, invalidate: vi.fn() } } })));
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer tok-p",
      "Bearer tok-p",
      "Bearer tok-p",
    ]);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it("re-applies credentials on the hop: Basic and API key", async () => {
    const server = await serve({ "/items/1": redirect(302, "/items/2") });
    await unwrap(getItem(testClient(server.url, { auth: { apiKey: "key-1" } })));
    expect(server.requests.map((r) => r.headers["x-api-key"])).toEqual(["key-1", "key-1"]);
    await unwrap(getItem(testClient(server.url, { auth: { basic: { username: "u", password: "p" } } })));
    expect(server.requests.slice(2).map((r) => r.headers.authorization)).toEqual([
      `Basic ${Buffer.from("u:p").toString("base64")}`,
      `Basic ${Buffer.from("u:p").toString("base64")}`,
    ]);
  });

  it.each([303, 301, 302])(
    "turns a POST answered %i into a GET without body or Content-Type",
    async (status) => {
      const server = await serve({ "/items": redirect(status, "/items/created") });
      const { data } = await testClient(server.url, { auth: { bearer: "t" } }).POST("/items", {
        body: { name: "n" },
      });
      expect(data).toEqual({ id: "/items/created" });
      expect(summary(server.requests)).toEqual([
        {
          method: "POST",
          url: "/items",
          body: '{"name":"n"}',
          authorization: "Bearer t",
          contentType: "application/json",
        },
        { method: "GET", url: "/items/created", body: "", authorization: "Bearer t", contentType: undefined },
      ]);
      expect(server.requests[1]?.headers["content-length"]).toBeUndefined();
    },
  );

  it.each([307, 308])("keeps the method, body and Content-Type of a POST answered %i", async (status) => {
    const server = await serve({ "/items": redirect(status, "/items/again") });
    await testClient(server.url, { auth: { bearer: "t" } }).POST("/items", { body: { name: "n" } });
    expect(summary(server.requests)).toEqual([
      {
        method: "POST",
        url: "/items",
        body: '{"name":"n"}',
        authorization: "Bearer t",
        contentType: "application/json",
      },
      {
        method: "POST",
        url: "/items/again",
        body: '{"name":"n"}',
        authorization: "Bearer t",
        contentType: "application/json",
      },
    ]);
  });

  it("keeps a form body with secret fields on a same-origin 307", async () => {
    const server = await serve({ "/token": redirect(307, "/token2") });
    await testClient(server.url).POST("/token", { body: { grant_type: "g", subject_token: "s-1" } });
    expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "/token", "grant_type=g&subject_token=s-1"],
      ["POST", "/token2", "grant_type=g&subject_token=s-1"],
    ]);
  });

  it("keeps HEAD a HEAD on a 303", async () => {
    const server = await serve({ "/items/1": redirect(303, "/items/2") });
    const client = testClient(server.url, { auth: { bearer: "t" } }) as unknown as {
      HEAD: (path: string, init: unknown) => Promise<{ response: Response }>;
    };
    const { response } = await client.HEAD("/items/{id}", { params: { path: { id: "1" } } });
    expect(response.status).toBe(200);
    expect(server.requests.map((r) => r.method)).toEqual(["HEAD", "HEAD"]);
  });

  it("does not follow 300, 304 or other 3xx", async () => {
    const server = await serve({
      "/items/300": redirect(300, "/items/2"),
      "/items/304": redirect(304, "/items/2"),
      "/items/305": redirect(305, "/items/2"),
    });
    const client = testClient(server.url, { auth: { bearer: "t" }, retry: false });
    for (const status of [300, 304, 305]) {
      const { response } = await getItem(client, String(status));
      expect(response.status).toBe(status);
    }
    expect(server.requests.map((r) => r.url)).toEqual(["/items/300", "/items/304", "/items/305"]);
  });

  it("resolves a relative Location against the current hop", async () => {
    const server = await serve({
      "/items/1": redirect(302, "next/2"),
      "/items/next/2": redirect(302, "../final?x=1"),
    });
    const { data } = await getItem(testClient(server.url, { auth: { bearer: "t" } }));
    expect(data).toEqual({ id: "/items/final?x=1" });
  });
});

describe("maxRedirects", () => {
  it("follows exactly maxRedirects hops and refuses one more", async () => {
    const server = await chain();
    const client = testClient(server.url, { auth: { bearer: "t" }, maxRedirects: 2 });
    const { data } = await getItem(client, "r2");
    expect(data).toEqual({ id: "/items/r0" });
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    const error = await refusal(getItem(client, "r3"));
    expect(error.reason).toBe("too-many");
    expect(error.status).toBe(302);
    expect(error.location).toBe(server.url);
    expect(error.operationId).toBe("getItem");
    expect(error.provider).toBe("confluent");
    expect(error.attempts).toBe(1);
    expect(error.message).toBe("getItem was redirected (302) more than 2 times; not followed");
    expect(server.requests.map((r) => r.url)).toEqual(["/items/r3", "/items/r2", "/items/r1"]);
  });

  it("follows 5 by default and refuses the 6th", async () => {
    const server = await chain();
    const client = testClient(server.url, { auth: { bearer: "t" } });
    await unwrap(getItem(client, "r5"));
    expect(server.requests).toHaveLength(6);
    server.requests.length = 0;
    expect((await refusal(getItem(client, "r6"))).reason).toBe("too-many");
    expect(server.requests).toHaveLength(6);
  });

  it("refuses every redirect with maxRedirects: 0, and does not retry it", async () => {
    const server = await chain();
    const error = await refusal(
      getItem(testClient(server.url, { auth: { bearer: "t" }, maxRedirects: 0 }), "r1"),
    );
    expect(error.reason).toBe("too-many");
    expect(error.message).toBe("getItem was redirected (302) more than 0 times; not followed");
    expect(server.requests).toHaveLength(1);
  });
});

describe("redirects that are never followed", () => {
  it.each([
    ["no Location", undefined],
    ["an empty Location", ""],
    ["an unparsable Location", "http://[bad"],
  ])("refuses a redirect with %s", async (_case, location) => {
    const server = await serve({ "/items/1": redirect(302, location) });
    const error = await refusal(getItem(testClient(server.url, { auth: { bearer: "t" } })));
    expect(error.reason).toBe("no-location");
    expect(error.location).toBeUndefined();
    expect(error.status).toBe(302);
    expect(error.message).toBe("getItem was redirected (302) without a usable Location; not followed");
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a blank Location sent by a custom fetch", async () => {
    const fetch = async () => new Response(null, { status: 301, headers: { location: "  " } });
    const error = await refusal(
      getItem(testClient("https://api.example.test", { fetch, auth: { bearer: "t" } })),
    );
    expect(error.reason).toBe("no-location");
    expect(error.status).toBe(301);
  });

  it.each([
    ["ftp:", "ftp://127.0.0.1:2121/x", "ftp://127.0.0.1:2121"],
    ["data:", "data:text/plain,hello", "null"],
    ["file:", "file:///etc/passwd", "null"],
    ["javascript:", "javascript:alert(1)", "null"],
  ])("refuses a redirect from http to %s", async (scheme, location, origin) => {
    const server = await serve({ "/items/1": redirect(302, location) });
    const error = await refusal(getItem(testClient(server.url, { auth: { bearer: "t" } })));
    expect(error.reason).toBe("insecure");
    expect(error.location).toBe(origin);
    expect(error.message).toBe(`getItem was redirected (302) from http:// to ${origin}; not followed`);
    expect(server.requests).toHaveLength(1);
    expect(scheme).toBe(new URL(location).protocol);
  });

  it("refuses a redirect from https to http, even to the same host, before counting hops", async () => {
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.url);
      return new Response(null, { status: 302, headers: { location: "http://api.example.test/items/2" } });
    };
    const client = testClient("https://api.example.test", { fetch, auth: { bearer: "t" }, maxRedirects: 0 });
    const error = await refusal(getItem(client));
    expect(error.reason).toBe("insecure");
    expect(error.location).toBe("http://api.example.test");
    expect(error.message).toBe(
      "getItem was redirected (302) from https:// to http://api.example.test; not followed",
    );
    expect(seen).toEqual(["https://api.example.test/items/1"]);
  });

  it("follows https to https within the origin", async () => {
    const seen: [string, string | null][] = [];
    const fetch = async (request: Request) => {
      seen.push([request.url, request.headers.get("authorization")]);
      return seen.length === 1
        ? new Response(null, { status: 308, headers: { location: "/items/2" } })
        : Response.json({ id: "2" });
    };
    const { data } = await getItem(testClient("https://api.example.test", { fetch, auth: { bearer: "t" } }));
    expect(data).toEqual({ id: "2" });
    expect(seen).toEqual([
      ["https://api.example.test/items/1", "Bearer t"],
      ["https://api.example.test/items/2", "Bearer t"],
    ]);
  });

  it("refuses an opaque redirect, whose target the runtime hides", async () => {
    const fetch = async () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, "type", { value: "opaqueredirect" });
      Object.defineProperty(response, "status", { value: 0 });
      return response;
    };
    const error = await refusal(
      getItem(testClient("https://api.example.test", { fetch, auth: { bearer: "t" } })),
    );
    expect(error.reason).toBe("opaque");
    expect(error.status).toBe(0);
    expect(error.location).toBeUndefined();
    expect(error.message).toBe("getItem was redirected (0) and this runtime hides the target; not followed");
  });

  it("refuses to resend a streamed body on a 307, but follows a 303 without it", async () => {
    const server = await serve({ "/items": redirect(307, "/items/again") });
    const stream = () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"name":"streamed"}'));
          controller.close();
        },
      });
    const post = (client: ReturnType<typeof testClient>) =>
      client.POST("/items", {
        body: stream() as unknown as { name: string },
        bodySerializer: (b: unknown) => b as BodyInit,
        duplex: "half",
      } as never);
    const error = await refusal(post(testClient(server.url, { auth: { bearer: "t" } })));
    expect(error.reason).toBe("unreplayable-body");
    expect(error.location).toBe(server.url);
    expect(error.message).toBe(
      "createItem was redirected (307) and a streamed body cannot be sent again; not followed",
    );
    expect(server.requests).toHaveLength(1);

    const other = await serve({ "/items": redirect(303, "/items/done") });
    const { response } = await post(testClient(other.url, { auth: { bearer: "t" } }));
    expect(response.status).toBe(200);
    expect(other.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "/items", '{"name":"streamed"}'],
      ["GET", "/items/done", ""],
    ]);
  });

  it("cancels the body of every redirect it reads", async () => {
    let cancelled = 0;
    const fetch = async (request: Request) => {
      if (request.url.endsWith("/items/2")) return Response.json({ id: "2" });
      const body = new ReadableStream({
        pull(controller) {
          controller.enqueue(new TextEncoder().encode("moved "));
        },
        cancel() {
          cancelled += 1;
        },
      });
      return new Response(body, { status: 302, headers: { location: "/items/2" } });
    };
    await unwrap(getItem(testClient("https://api.example.test", { fetch, auth: { bearer: "t" } })));
    expect(cancelled).toBe(1);
  });
});

describe("cross-origin redirects", () => {
  it("refuses one by default; the other origin receives nothing and only its origin is reported", async () => {
    const other = await serve({});
    const server = await serve({ "/items/1": redirect(302, `${other.url}/steal/path?token=SECRET-q`) });
    const error = await refusal(getItem(testClient(server.url, { auth: { bearer: "t" } })));
    expect(error.reason).toBe("cross-origin");
    expect(error.location).toBe(other.url);
    expect(error.status).toBe(302);
    expect(error.message).toBe(`getItem was redirected (302) to another origin, ${other.url}; not followed`);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("SECRET");
    expect(error.message).not.toContain("/steal");
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it("treats another port, another host name and a protocol-relative Location as other origins", async () => {
    const other = await serve({});
    const port = new URL(other.url).port;
    let ownPort = "";
    const server = await serve({
      "/items/port": redirect(302, `http://127.0.0.1:${port}/x`),
      "/items/relative": redirect(302, `//127.0.0.1:${port}/x`),
      "/items/host": (request, res, index) =>
        redirect(302, `http://localhost:${ownPort}/x`)(request, res, index),
    });
    ownPort = new URL(server.url).port;
    const client = testClient(server.url, { auth: { bearer: "t" } });
    for (const id of ["port", "relative", "host"]) {
      expect((await refusal(getItem(client, id))).reason, id).toBe("cross-origin");
    }
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(3);
  });

  it("reports the origin without userinfo", async () => {
    const other = await serve({});
    const target = other.url.replace("http://", "http://user:SECRET-pw@");
    const server = await serve({ "/items/1": redirect(302, `${target}/x`) });
    const error = await refusal(getItem(testClient(server.url, { auth: { bearer: "t" } })));
    expect(error.location).toBe(other.url);
    expect(error.message).not.toContain("SECRET");
  });

  it("with follow-without-credentials: strips Authorization, X-API-Key, Cookie and Proxy-Authorization, keeps the rest", async () => {
    const other = await serve({});
    const server = await serve({ "/items/1": redirect(302, `${other.url}/moved`) });
    const client = testClient(server.url, {
      auth: { apiKey: "key-SECRET" },
      crossOriginRedirects: "follow-without-credentials",
      headers: { cookie: "session=SECRET", "proxy-authorization": "Basic SECRET", "x-trace": "trace-1" },
    });
    const { data } = await getItem(client);
    expect(data).toEqual({ id: "/moved" });
    expect(server.requests[0]?.headers["x-api-key"]).toBe("key-SECRET");
    expect(server.requests[0]?.headers.cookie).toBe("session=SECRET");
    const hop = other.requests[0]?.headers ?? {};
    expect(hop["x-api-key"]).toBeUndefined();
    expect(hop.cookie).toBeUndefined();
    expect(hop["proxy-authorization"]).toBeUndefined();
    expect(hop.authorization).toBeUndefined();
    expect(hop["x-trace"]).toBe("trace-1");
    expect(hop.accept).toBe("application/json, application/problem+json");
    expect(JSON.stringify(other.requests)).not.toContain("SECRET");
  });

  it("with follow-without-credentials: strips a bearer token and never puts credentials back, even on a hop home", async () => {
    let home = "";
    const away = await serve({
      "/bounce": (request, res, index) => redirect(307, home)(request, res, index),
    });
    const start = await serve({ "/items/1": redirect(302, `${away.url}/bounce`) });
    home = `${start.url}/items/home`;
    const client = testClient(start.url, {
      auth: { bearer: "tok-SECRET" },
      crossOriginRedirects: "follow-without-credentials",
    });
    const { data } = await getItem(client);
    expect(data).toEqual({ id: "/items/home" });
    expect(start.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/items/1", "Bearer tok-SECRET"],
      ["/items/home", undefined],
    ]);
    expect(away.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it("counts cross-origin hops against maxRedirects", async () => {
    const other = await chain();
    const server = await serve({ "/items/1": redirect(302, `${other.url}/items/r1`) });
    const client = testClient(server.url, {
      auth: { bearer: "t" },
      crossOriginRedirects: "follow-without-credentials",
      maxRedirects: 1,
    });
    const error = await refusal(getItem(client));
    expect(error.reason).toBe("too-many");
    expect(error.location).toBe(other.url);
    expect(other.requests).toHaveLength(1);
  });

  it("never follows one for an exchange that carries secret fields, even with follow-without-credentials", async () => {
    const other = await serve({});
    const server = await serve({ "/token": redirect(307, `${other.url}/token`) });
    const client = testClient(server.url, { crossOriginRedirects: "follow-without-credentials" });
    const error = await refusal(
      client.POST("/token", { body: { grant_type: "g", subject_token: "sub-SECRET" } }),
    );
    expect(error.reason).toBe("cross-origin");
    expect(error.location).toBe(other.url);
    expect(error.message).toBe(
      `exchangeToken was redirected (307) to another origin, ${other.url}, and the exchange carries secrets; not followed`,
    );
    expect(other.requests).toHaveLength(0);
  });

  it("counts secret response fields alone, and body secrets alone, as carrying secrets", async () => {
    const other = await serve({});
    const server = await serve({
      "/token": redirect(303, `${other.url}/token`),
      "/plain": redirect(303, `${other.url}/plain`),
    });
    const meta = testMeta();
    const exchange = meta.operations["POST /token"]!;
    const responseOnly = createApiClient<paths, TestAuth>(
      {
        ...meta,
        operations: { ...meta.operations, "POST /token": { ...exchange, secretRequestFields: [] } },
      },
      server.url,
      { crossOriginRedirects: "follow-without-credentials" },
    );
    const error = await refusal(
      responseOnly.POST("/token", { body: { grant_type: "g", subject_token: "s" } }),
    );
    expect(error.reason).toBe("cross-origin");

    const requestOnly = createApiClient<paths, TestAuth>(
      {
        ...meta,
        operations: { ...meta.operations, "POST /token": { ...exchange, secretResponseFields: [] } },
      },
      server.url,
      { crossOriginRedirects: "follow-without-credentials" },
    );
    expect(
      (await refusal(requestOnly.POST("/token", { body: { grant_type: "g", subject_token: "s" } }))).reason,
    ).toBe("cross-origin");

    // Body secrets the caller names, on an operation the spec does not mark.
    const plain: OperationMeta = {
      ...exchange,
      path: "/plain",
      secretRequestFields: [],
      secretResponseFields: [],
    };
    const transport = new Transport(testMeta(), { crossOriginRedirects: "follow-without-credentials" });
    const guarded = await refusal(
      transport.send(new Request(`${server.url}/plain`, { method: "POST", body: "x" }), plain, {
        replayable: true,
        body: "x",
        bodySecrets: ["x-SECRET"],
      }),
    );
    expect(guarded.reason).toBe("cross-origin");
    // Without them the same exchange is followed.
    const followed = await transport.send(
      new Request(`${server.url}/plain`, { method: "POST", body: "x" }),
      plain,
      {
        replayable: true,
        body: "x",
      },
    );
    expect(followed.status).toBe(200);
    expect(other.requests.map((r) => [r.method, r.url])).toEqual([["GET", "/plain"]]);
  });

  it("is not retried, and reports the attempt it happened on", async () => {
    const other = await serve({});
    let n = 0;
    const server = await serve({
      "/items/1": (_request, res: ServerResponse) => {
        n += 1;
        if (n === 1) json(res, 503, {});
        else redirect(302, `${other.url}/x`)(_request, res, 0);
      },
    });
    const error = await refusal(getItem(testClient(server.url, { auth: { bearer: "t" } })));
    expect(error.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });
});
