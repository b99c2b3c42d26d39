// Node-only entry point, "@idclients/auth/node": the file-based workload token sources, plus everything
// in "@idclients/auth/workload" so that one import serves a Node job.
export { type JwtFromFileOptions, jwtFromFile } from "./file.js";
export * from "./index.js";
export { type KubernetesServiceAccountTokenOptions, kubernetesServiceAccountToken } from "./kubernetes.js";
