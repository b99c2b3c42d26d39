// An app calling one operation of each provider: the three packages share @idclients/auth and openapi-fetch.
import { createConfluentClient, unwrap } from "@idclients/confluent";
import { createIcaClient } from "@idclients/ica";
import { createInfisicalClient } from "@idclients/infisical";

const confluent = createConfluentClient({
  auth: { "cloud-api-key": { username: "KEY", password: "SECRET" } },
});
const ica = createIcaClient({ auth: { ApiKeyAuth: "API-KEY" } });
const infisical = createInfisicalClient();
export const results = await Promise.all([
  unwrap(confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-123" } } })),
  unwrap(ica.POST("/api/tokens", {})),
  unwrap(
    infisical.POST("/api/v1/auth/jwt-auth/login", {
      body: { identityId: "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f", jwt: "eyJ..." },
    }),
  ),
]);
