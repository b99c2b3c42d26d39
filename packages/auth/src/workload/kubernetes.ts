// Node-only: reached through "@idclients/auth/node", never from the universal entry points.
import { checkPath, fileTokenSource } from "./file.js";
import type { WorkloadTokenOptions, WorkloadTokenSource } from "./workload-token-source.js";

export interface KubernetesServiceAccountTokenOptions extends WorkloadTokenOptions {
  /**
   * Path of the service-account token file. For a projected volume it is the volume's `mountPath` joined
   * with the source's `path` (e.g. `/var/run/secrets/tokens/confluent-token`); the default token, whose
   * audience is the API server, is at `/var/run/secrets/kubernetes.io/serviceaccount/token`.
   */
  path: string;
}

/**
 * A Kubernetes service-account token from a projected volume. The kubelet rewrites the file before the
 * token expires (from 80 % of its lifetime on); this source reads it again when the cached token nears
 * its `exp` and as soon as the file changes, so a rotated token is used on the next call. A missing
 * file is a `WorkloadIdentityMissingError` with the path.
 *
 * @example
 * const jwt = kubernetesServiceAccountToken({ path: "/var/run/secrets/tokens/infisical-token" });
 */
export function kubernetesServiceAccountToken(
  options: KubernetesServiceAccountTokenOptions,
): WorkloadTokenSource {
  const path = checkPath(options.path);
  return fileTokenSource({
    ...options,
    path,
    origin: "kubernetes",
    description: `Kubernetes service-account token ${path}`,
    missing:
      `The Kubernetes service-account token file ${path} does not exist. Mount a projected volume ` +
      "with a serviceAccountToken source (audience, expirationSeconds, path) at this path.",
  });
}
