import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AllFakes, startAll } from "./all.js";

const PAGE = "http://127.0.0.1:5173";

let plain: AllFakes;
let withCors: AllFakes;
beforeAll(async () => {
  [plain, withCors] = await Promise.all([startAll(), startAll({ cors: true })]);
});
afterAll(() => Promise.all([plain.close(), withCors.close()]));

/** What a browser sends before a cross-origin call that carries `Authorization`. */
function preflight(url: string): Promise<Response> {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin: PAGE,
      "access-control-request-method": "GET",
      "access-control-request-headers": "authorization, accept",
    },
  });
}

describe("cors", () => {
  it("answers a preflight with the method and headers asked for, without logging it or using a fault", async () => {
    const fake = withCors.confluent;
    const fault = fake.faults.inject({ status: 503 });
    const before = fake.requests.count();
    const answer = await preflight(`${fake.url}/iam/v2/identity-providers`);
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(answer.headers.get("access-control-allow-methods")).toBe("GET");
    expect(answer.headers.get("access-control-allow-headers")).toBe("authorization, accept");
    expect(fake.requests.count()).toBe(before);
    expect(fault.remaining).toBe(1);
    fault.remove();
  });

  it("lets the page read every header of an answer, a fault's included", async () => {
    const fake = withCors.confluent;
    fake.faults.inject({ status: 429, retryAfter: 2 });
    const answer = await fetch(`${fake.url}/iam/v2/identity-providers`, { headers: { origin: PAGE } });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("access-control-allow-origin")).toBe(PAGE);
    const exposed = answer.headers.get("access-control-expose-headers")?.split(", ") ?? [];
    expect(exposed).toContain("retry-after");
  });

  it("is off by default", async () => {
    const answer = await fetch(`${plain.ica.url}/api/tokens`, { headers: { origin: PAGE } });
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(
      (await preflight(`${plain.ica.url}/api/tokens`)).headers.get("access-control-allow-origin"),
    ).toBeNull();
  });
});
