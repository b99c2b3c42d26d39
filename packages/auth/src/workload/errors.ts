import { TokenError } from "../errors.js";

/** Where a workload token comes from; names the platform in messages and on errors. */
export type WorkloadTokenOrigin = "github-actions" | "gitlab-ci" | "kubernetes" | "file" | "environment";

/**
 * A workload identity token could not be obtained: the runner's token endpoint failed, a token file
 * could not be read. `origin` names the platform; the message never quotes a token or request token.
 */
export class WorkloadTokenError extends TokenError {
  // Spelled out rather than taken from the constructor, so that minified bundles keep the names.
  override name = "WorkloadTokenError";
  /** The platform (or file or variable source) the token was to come from. */
  readonly origin: WorkloadTokenOrigin;
  /** HTTP status of the token endpoint's answer, when there was one. */
  readonly status: number | undefined;
  constructor(message: string, init: { origin: WorkloadTokenOrigin; status?: number; cause?: unknown }) {
    super(message, init.cause === undefined ? {} : { cause: init.cause });
    this.origin = init.origin;
    this.status = init.status;
  }
}

/**
 * The platform did not hand this job an identity: the environment variables or the file that would
 * carry it are absent or empty (a GitHub job without `id-token: write`, a GitLab job without the
 * `id_tokens:` entry, a pod without the projected volume). Names the variables or the path, never a value.
 */
export class WorkloadIdentityMissingError extends WorkloadTokenError {
  override name = "WorkloadIdentityMissingError";
  /** The environment variables that were absent or empty. */
  readonly variables: readonly string[];
  /** The token file that does not exist. */
  readonly path: string | undefined;
  constructor(
    message: string,
    init: { origin: WorkloadTokenOrigin; variables?: readonly string[]; path?: string },
  ) {
    super(message, { origin: init.origin });
    this.variables = init.variables ?? [];
    this.path = init.path;
  }
}

/** Why a workload JWT was refused before use. */
export type InvalidJwtReason = "malformed" | "no-expiry" | "expired";

/**
 * What the platform handed over is not a usable JWT: not three base64url segments with a JSON header
 * and payload (`malformed`), no numeric `exp` claim (`no-expiry`), or `exp` already past (`expired`).
 * The message never quotes the token.
 */
export class InvalidWorkloadJwtError extends WorkloadTokenError {
  override name = "InvalidWorkloadJwtError";
  /** Why the token was refused: `malformed`, `no-expiry` or `expired`. */
  readonly reason: InvalidJwtReason;
  constructor(message: string, init: { origin: WorkloadTokenOrigin; reason: InvalidJwtReason }) {
    super(message, { origin: init.origin });
    this.reason = init.reason;
  }
}
