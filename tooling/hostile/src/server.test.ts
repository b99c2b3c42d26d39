// The hostile server is itself under test: if the echo did not carry every form of a secret, every
// "no secret leaked" assertion in the suite would pass for the wrong reason.
import { describe, expect, it } from "vitest";
import { settle, useServers } from "./harness.js";
import { basicCanary, canary, expectNoSecret, findSecrets } from "./secrets.js";
import {
  base64,
  base64url,
  deepJson,
  echo,
  gate,
  hugeBody,
  json,
  protoPollution,
  redirect,
  streamForever,
} from "./server.js";

const s = useServers();

/** What the echo promises to send for each secret. */
const encodings = (secret: string) => [secret, base64(secret), base64url(secret), encodeURIComponent(secret)];

describe("the hostile server", () => {
  it("records method, path, headers and body of every request, and answers from the queue, then routes", async () => {
    s.server.queue(json(201, { first: true }));
    s.server.route("POST", "/a", json(202, { routed: true }));
    const first = await fetch(`${s.server.url}/a?x=1`, {
      method: "POST",
      body: "one",
      headers: { "x-k": "v" },
    });
    const second = await fetch(`${s.server.url}/a`, { method: "POST", body: "two" });
    const third = await fetch(`${s.server.url}/nowhere`);
    expect([first.status, second.status, third.status]).toEqual([201, 202, 404]);
    expect(s.server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/a?x=1", "one"],
      ["POST", "/a", "two"],
      ["GET", "/nowhere", ""],
    ]);
    expect(s.server.requests[0]?.headers["x-k"]).toBe("v");
    expect(s.other.requests).toEqual([]);
  });

  it("the two servers are two origins", () => {
    expect(s.server.origin).not.toBe(s.other.origin);
    expect(new URL(s.server.url).hostname).toBe("127.0.0.1");
  });

  it("echoes Basic credentials in every form, in the body and in headers, and expectNoSecret sees it", async () => {
    const basic = basicCanary();
    s.server.fallback(echo(400));
    const response = await fetch(s.server.url, {
      headers: { authorization: `Basic ${base64(`${basic.username}:${basic.password}`)}` },
    });
    const text = await response.text();
    const headerText = JSON.stringify([...response.headers]);
    const pair = `${basic.username}:${basic.password}`;
    for (const form of [...encodings(basic.password), ...encodings(pair), `Basic ${base64(pair)}`]) {
      expect(text).toContain(form);
      expect(headerText).toContain(form);
    }
    // A JSON-escaped copy only JSON.parse turns back into the password.
    expect(text).toMatch(/\\u00/);
    expect(JSON.stringify(JSON.parse(text))).toContain(basic.password);
    expect(findSecrets([text], [basic])).not.toEqual([]);
    expect(findSecrets([response.headers], [basic])).not.toEqual([]);
    expect(() => expectNoSecret([{ nested: [new Error("x", { cause: text })] }], [basic])).toThrow();
  });

  it("echoes X-API-Key, bearer tokens, cookies and the secret body fields subject_token and jwt", async () => {
    const [key, token, subject, jwt] = [canary("key"), canary("tok"), canary("sub"), canary("jwt")];
    s.server.fallback(echo(400, "json"));
    const forms = async (init: RequestInit) => {
      const response = await fetch(s.server.url, { method: "POST", ...init });
      return `${await response.text()} ${JSON.stringify([...response.headers])}`;
    };
    const echoed = [
      await forms({ headers: { "x-api-key": key, authorization: `Bearer ${token}` } }),
      await forms({
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ subject_token: subject }).toString(),
      }),
      await forms({ headers: { "content-type": "application/json" }, body: JSON.stringify({ jwt }) }),
    ].join(" ");
    for (const secret of [key, token, subject, jwt]) {
      for (const form of encodings(secret)) expect(echoed).toContain(form);
    }
  });

  it("redirects with and without Location", async () => {
    s.server.queue(redirect(307, `${s.other.url}/x`), redirect(302, undefined));
    const first = await fetch(s.server.url, { redirect: "manual" });
    const second = await fetch(s.server.url, { redirect: "manual" });
    expect([first.status, first.headers.get("location")]).toEqual([307, `${s.other.url}/x`]);
    expect([second.status, second.headers.get("location")]).toEqual([302, null]);
  });

  it("streams a 2xx body forever until the client goes away", async () => {
    s.server.fallback(streamForever());
    const controller = new AbortController();
    const response = await fetch(s.server.url, { signal: controller.signal });
    const reader = response.body?.getReader();
    let read = 0;
    while (read < 2_000_000) read += (await reader?.read())?.value?.byteLength ?? 0;
    controller.abort();
    expect(read).toBeGreaterThanOrEqual(2_000_000);
  });

  it("sends huge bodies, deep JSON and a __proto__ key", async () => {
    s.server.queue(
      hugeBody(3_000_000),
      hugeBody(3_000_000, { contentLength: false }),
      deepJson(400),
      protoPollution(400),
    );
    const sized = await fetch(s.server.url);
    expect(sized.headers.get("content-length")).toBe("3000000");
    expect((await sized.arrayBuffer()).byteLength).toBe(3_000_000);
    const chunked = await fetch(s.server.url);
    expect(chunked.headers.get("content-length")).toBeNull();
    expect((await chunked.arrayBuffer()).byteLength).toBe(3_000_000);
    expect((await (await fetch(s.server.url)).text()).length).toBe(60_006);
    expect(await (await fetch(s.server.url)).text()).toContain('"__proto__":{"polluted":true');
  });

  it("holds answers behind a gate until released", async () => {
    const held = gate(json(200, {}));
    s.server.fallback(held.handler);
    const pending = fetch(s.server.url);
    await s.server.waitForRequests(1);
    expect(held.held).toBe(1);
    expect((await settle(pending, 50)).kind).toBe("pending");
    held.release();
    expect((await pending).status).toBe(200);
  });
});
