/** One request our client sent through Prism, and what Prism said about it. */
export interface Exchange {
  method: string;
  /** Path and query as sent. */
  target: string;
  /** The scheme word of the `Authorization` header (`Basic`, `Bearer`), never the credential itself. */
  authorization: string | undefined;
  /** Whether an `X-API-Key` header was sent. */
  apiKey: boolean;
  status: number;
  /** Parsed `sl-violations` header: the request/response parts Prism found breaking the spec. */
  violations: unknown[];
  /** The problem document Prism answers with itself when `--errors` turns a violation into an error. */
  prismProblem: unknown;
}

const PRISM_PROBLEM = "https://stoplight.io/prism/errors#";

/**
 * A fetch to hand to our clients (`createXClient({ fetch })`) that records every exchange, so a test
 * can check that Prism neither flagged the request nor the response.
 */
export class Recorder {
  readonly exchanges: Exchange[] = [];
  /**
   * Sent as Prism's `Prefer` header (`code=404`, `example=lastPage`) to pick which documented response
   * the mock answers with; a function decides per request.
   */
  prefer: string | ((request: Request) => string | undefined) | undefined;

  readonly fetch = async (input: Request): Promise<Response> => {
    const prefer = typeof this.prefer === "function" ? this.prefer(input) : this.prefer;
    const request = prefer === undefined ? input : withHeader(input, "prefer", prefer);
    const response = await fetch(request);
    const url = new URL(request.url);
    const header = response.headers.get("sl-violations");
    let prismProblem: unknown;
    if ((response.headers.get("content-type") ?? "").includes("problem+json")) {
      const body = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { type?: unknown } | undefined;
      if (typeof body?.type === "string" && body.type.startsWith(PRISM_PROBLEM)) prismProblem = body;
    }
    this.exchanges.push({
      method: request.method,
      target: url.pathname + url.search,
      authorization: request.headers.get("authorization")?.split(" ")[0],
      apiKey: request.headers.has("x-api-key"),
      status: response.status,
      violations: header ? parseViolations(header) : [],
      prismProblem,
    });
    return response;
  };

  /** Exchanges Prism objected to, in a form that reads well in a failed assertion. */
  flagged(): Exchange[] {
    return this.exchanges.filter((exchange) => exchange.violations.length > 0 || exchange.prismProblem);
  }

  /** Which operations (by `"METHOD /path/{param}"`) the recorded requests addressed. */
  operationsHit(keys: Iterable<string>): Set<string> {
    const matchers = [...keys].map((key) => {
      const [method, template = ""] = key.split(" ");
      const pattern = template
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]+");
      return { key, method, regex: new RegExp(`^${pattern}$`) };
    });
    const hit = new Set<string>();
    for (const exchange of this.exchanges) {
      const path = exchange.target.split("?")[0] ?? "";
      const match = matchers.find((m) => m.method === exchange.method && m.regex.test(path));
      if (match) hit.add(match.key);
    }
    return hit;
  }
}

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

function parseViolations(header: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    // Prism truncates very long headers ("Too many violations! ...").
    return [header];
  }
}
