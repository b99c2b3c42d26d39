// An app calling one Infisical operation through @idclients/infisical.
import { createInfisicalClient, unwrap } from "@idclients/infisical";

const infisical = createInfisicalClient();
export const session = await unwrap(
  infisical.POST("/api/v1/auth/jwt-auth/login", {
    body: { identityId: "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f", jwt: "eyJ..." },
  }),
);
