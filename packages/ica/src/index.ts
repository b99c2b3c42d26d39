// Errors, `unwrap`, `getRateLimit`, `TokenCache` and the credential types, shared by every provider package.
export * from "@idclients/auth/public";
export {
  createIcaClient,
  ICA_BASE_URL,
  type IcaClient,
  type IcaClientOptions,
  icaEnvironment,
  icaProvider,
} from "./client.js";
export type { Credentials as IcaCredentials } from "./generated/operations.js";
export { operations as icaOperations } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";

export { type IcaJwtCredential, type IcaJwtOptions, icaJwt } from "./ica-jwt.js";
