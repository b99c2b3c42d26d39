/// <reference types="node" />
// Node-only: reached through "@idclients/auth/node", never from the universal entry points.
import type { BigIntStats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { ConfigurationError } from "../errors.js";
import { WorkloadIdentityMissingError, WorkloadTokenError, type WorkloadTokenOrigin } from "./errors.js";
import {
  createWorkloadTokenSource,
  type WorkloadTokenOptions,
  type WorkloadTokenSource,
} from "./workload-token-source.js";

export interface JwtFromFileOptions extends WorkloadTokenOptions {
  /** Absolute or relative path of the file that holds the JWT. */
  path: string;
}

/** A token file is a JWT of a few kilobytes; a path to anything much larger is a mistake. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * A workload JWT read from a file that another process keeps current (an agent, a sidecar, a mounted
 * secret). The file is read again when the cached token nears its `exp` and as soon as the file changes
 * (its inode, size, mtime or ctime), so a replaced token is used on the next call.
 *
 * @example
 * const jwt = jwtFromFile({ path: "/run/secrets/oidc-token" });
 */
export function jwtFromFile(options: JwtFromFileOptions): WorkloadTokenSource {
  const path = checkPath(options.path);
  return fileTokenSource({ ...options, path, origin: "file", description: `JWT in the file ${path}` });
}

export function checkPath(path: unknown): string {
  if (typeof path !== "string" || path.trim() === "" || path.includes("\0")) {
    throw new ConfigurationError("path must be the path of the token file", { setting: "path" });
  }
  return path;
}

/** What identifies one version of a file: a replaced or rewritten file differs in one of these. */
function versionOf(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** The shared body of the file sources (`jwtFromFile`, `kubernetesServiceAccountToken`). */
export function fileTokenSource(
  init: WorkloadTokenOptions & {
    path: string;
    origin: WorkloadTokenOrigin;
    description: string;
    /** The message for a file that does not exist (how to provide it on this platform). */
    missing?: string;
  },
): WorkloadTokenSource {
  const { path, origin, description, missing, ...options } = init;
  /** The file version each token was read from, so that a changed file drops the cached token. */
  const versions = new Map<string, string>();

  const read = async (): Promise<string> => {
    let stats: BigIntStats;
    try {
      stats = await stat(path, { bigint: true });
    } catch (error) {
      throw fileError(error, path, origin, missing);
    }
    if (!stats.isFile()) {
      throw new WorkloadTokenError(`The token file ${path} is not a regular file`, { origin });
    }
    if (stats.size > BigInt(MAX_TOKEN_FILE_BYTES)) {
      throw new WorkloadTokenError(
        `The token file ${path} is larger than ${MAX_TOKEN_FILE_BYTES} bytes, so it is not a JWT`,
        { origin },
      );
    }
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw fileError(error, path, origin, missing);
    }
    // Recorded before the read: a change that lands during it shows up as a change on the next call.
    versions.clear();
    versions.set(text.trim(), versionOf(stats));
    return text;
  };

  const isStale = async (cached: { token: string }): Promise<boolean> => {
    const version = versions.get(cached.token);
    if (version === undefined) return true;
    try {
      return versionOf(await stat(path, { bigint: true })) !== version;
    } catch {
      // Briefly missing (a swap in progress) or unreadable: keep the token until it nears its exp.
      return false;
    }
  };

  return createWorkloadTokenSource({ origin, description, options, read, isStale });
}

/** A typed error naming the path and the failure's code; the file's content never appears. */
function fileError(
  error: unknown,
  path: string,
  origin: WorkloadTokenOrigin,
  missing: string | undefined,
): WorkloadTokenError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new WorkloadIdentityMissingError(missing ?? `The token file ${path} does not exist`, {
      origin,
      path,
    });
  }
  return new WorkloadTokenError(
    `Could not read the token file ${path}${typeof code === "string" ? ` (${code})` : ""}`,
    { origin },
  );
}
