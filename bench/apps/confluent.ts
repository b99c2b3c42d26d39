// An app calling one Confluent operation through @idclients/confluent.
import { createConfluentClient, unwrap } from "@idclients/confluent";

const confluent = createConfluentClient({
  auth: { "cloud-api-key": { username: "KEY", password: "SECRET" } },
});
export const provider = await unwrap(
  confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-123" } } }),
);
