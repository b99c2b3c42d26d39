// A CommonJS TypeScript file: its imports compile to require() of the (ES module) packages, which
// Node 20.19+ loads and TypeScript 5.8+ accepts under module nodenext.

import { unwrap } from "@idclients/auth";
import { createConfluentClient, NotFoundError } from "@idclients/confluent";
import { createIcaClient, icaJwt } from "@idclients/ica";
import { createInfisicalClient, infisicalJwtLogin } from "@idclients/infisical";
import { startAll } from "@idclients/testing";

export const clients = [
  createConfluentClient({ auth: { "cloud-api-key": { username: "key", password: "secret" } } }),
  createIcaClient({ auth: { JwtAuth: icaJwt({ apiKey: "key" }) } }),
  createInfisicalClient({ auth: { bearerAuth: infisicalJwtLogin({ identityId: "id", jwt: "jwt" }) } }),
];
export const isNotFound = (error: unknown): error is NotFoundError => error instanceof NotFoundError;
export const helpers = { unwrap, startAll };
