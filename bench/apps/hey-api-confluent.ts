// The same Confluent call through the SDK @hey-api/openapi-ts generates from our spec (bench/generated).
import { client } from "../generated/client.gen.ts";
import { getIamV2IdentityProvider } from "../generated/sdk.gen.ts";

client.setConfig({ auth: () => "KEY:SECRET" });
export const provider = await getIamV2IdentityProvider({ path: { id: "op-123" }, throwOnError: true });
