/** What a fault does to a request it matches. */
export interface FaultSpec {
  /**
   * Answer with this HTTP status instead of handling the request. The body is the provider's own
   * failure format (a 429 also carries the provider's rate-limit headers).
   */
  status?: number;
  /** Seconds to put in `Retry-After` (and, for Confluent, in `X-RateLimit-Reset`). */
  retryAfter?: number;
  /** Wait this long before answering (on its own, the request is then handled normally). */
  latencyMs?: number;
  /** Drop the TCP connection without answering (the client sees a connection reset). */
  reset?: boolean;
  /** Never answer; the connection stays open until the client gives up or the fake is closed. */
  stall?: boolean;
  /** How many matching requests the fault applies to (default 1; `Infinity` for all). */
  times?: number;
  /** Only requests of this operationId (or for which the predicate is true) are affected. */
  match?: string | ((request: { operationId: string | undefined; method: string; path: string }) => boolean);
  /** Extra response headers sent with a `status` fault. */
  headers?: Record<string, string>;
  /** Replaces the provider-format body of a `status` fault (a string is sent as is). */
  body?: unknown;
}

/** A fault that was injected; `remaining` counts down as requests hit it. */
export interface Fault {
  /** What the fault does, as injected. */
  readonly spec: Readonly<FaultSpec>;
  /** How many more matching requests it applies to (`Infinity` for no end). */
  readonly remaining: number;
  /** How many requests this fault has affected so far. */
  readonly hits: number;
  /** Stops the fault before it is used up. */
  remove(): void;
}

class ActiveFault implements Fault {
  remaining: number;
  hits = 0;
  constructor(
    readonly spec: Readonly<FaultSpec>,
    private readonly owner: Faults,
  ) {
    this.remaining = spec.times ?? 1;
  }
  remove(): void {
    this.owner.remove(this);
  }
}

/**
 * Fault injection for a fake. Faults apply in the order they were injected; the first one that
 * matches a request and is not used up decides what happens to it.
 *
 * @example
 * fake.faults.inject({ status: 429, retryAfter: 1, times: 3, match: "listIamV2IdentityProviders" });
 */
export class Faults {
  #faults: ActiveFault[] = [];

  /** Adds a fault; returns a handle that tells how often it fired and can remove it. */
  inject(spec: FaultSpec): Fault {
    const kinds = [spec.status !== undefined, spec.reset === true, spec.stall === true].filter(
      Boolean,
    ).length;
    if (kinds > 1)
      throw new TypeError("A fault is one of: status, reset or stall (latencyMs may be added to any)");
    if (kinds === 0 && spec.latencyMs === undefined) {
      throw new TypeError("A fault needs status, reset, stall or latencyMs");
    }
    if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) {
      throw new RangeError(`Fault status ${spec.status} is not an HTTP status`);
    }
    const fault = new ActiveFault({ ...spec }, this);
    this.#faults.push(fault);
    return fault;
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults = [];
  }

  /** Faults that still have uses left. */
  get active(): readonly Fault[] {
    return this.#faults.filter((fault) => fault.remaining > 0);
  }

  /** @internal */
  remove(fault: Fault): void {
    this.#faults = this.#faults.filter((candidate) => candidate !== fault);
  }

  /** @internal Picks the fault for a request and uses it up by one. */
  take(request: { operationId: string | undefined; method: string; path: string }): FaultSpec | undefined {
    for (const fault of this.#faults) {
      if (fault.remaining <= 0) continue;
      const { match } = fault.spec;
      const matches =
        match === undefined || (typeof match === "string" ? match === request.operationId : match(request));
      if (!matches) continue;
      fault.remaining -= 1;
      fault.hits += 1;
      if (fault.remaining <= 0) this.remove(fault);
      return fault.spec;
    }
    return undefined;
  }
}
