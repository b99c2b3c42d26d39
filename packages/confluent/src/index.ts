// Errors, `unwrap`, `getRateLimit`, `TokenCache` and the credential types, shared by every provider package.
export * from "@idclients/auth/public";
export {
  CONFLUENT_BASE_URL,
  type ConfluentClient,
  type ConfluentClientOptions,
  type ConfluentListPath,
  confluentEnvironment,
  confluentProvider,
  createConfluentClient,
} from "./client.js";
export { type ConfluentStsOptions, confluentSts } from "./confluent-sts.js";
export type { Credentials as ConfluentCredentials } from "./generated/operations.js";
export { operations as confluentOperations } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";
