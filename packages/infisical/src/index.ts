// Errors, `unwrap`, `getRateLimit`, `TokenCache` and the credential types, shared by every provider package.
export * from "@idclients/auth/public";
export {
  createInfisicalClient,
  INFISICAL_EU_URL,
  INFISICAL_US_URL,
  type InfisicalClient,
  type InfisicalClientOptions,
  infisicalEnvironment,
  infisicalProvider,
} from "./client.js";
export type { Credentials as InfisicalCredentials } from "./generated/operations.js";
export { operations as infisicalOperations } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";

export { type InfisicalJwtLoginOptions, infisicalJwtLogin } from "./infisical-jwt-login.js";
