// Infisical's official SDK logging in (it has no JWT auth method; universal auth is its closest login).
import { InfisicalSDK } from "@infisical/sdk";

const sdk = new InfisicalSDK({ siteUrl: "https://us.infisical.com" });
export const session = await sdk.auth().universalAuth.login({ clientId: "CLIENT", clientSecret: "SECRET" });
