import { type AllFakes, type OidcIssuer, startAll, startOidcIssuer } from "@idclients/testing";

/** Where the demo runs: against the local fakes (default) or the real services. */
export interface Targets {
  mode: "fakes" | "live";
  issuer: OidcIssuer;
  confluent: { baseUrl: string | undefined; apiKey: { username: string; password: string } };
  ica: { baseUrl: string | undefined; apiKey: string };
  infisical: { baseUrl: string | undefined; adminToken: string; identityId: string };
  /** The fakes, when running against them (tests inject faults through this). */
  fakes?: AllFakes;
  /** Plain http is only used against the fakes on loopback. */
  allowInsecureHttp: boolean;
  close(): Promise<void>;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`IDCLIENTS_DEMO=live needs the environment variable ${name} (see the README)`);
  return value;
}

/** Starts the issuer and, unless `IDCLIENTS_DEMO=live`, the three fakes. */
export async function startTargets(env: NodeJS.ProcessEnv = process.env): Promise<Targets> {
  if (env.IDCLIENTS_DEMO === "live") {
    const publicUrl = required(env, "DEMO_ISSUER_PUBLIC_URL");
    const issuer = await startOidcIssuer({
      publicUrl,
      port: Number(env.DEMO_ISSUER_PORT ?? 8787),
    });
    return {
      mode: "live",
      issuer,
      confluent: {
        baseUrl: env.CONFLUENT_BASE_URL,
        apiKey: {
          username: required(env, "CONFLUENT_API_KEY"),
          password: required(env, "CONFLUENT_API_SECRET"),
        },
      },
      ica: { baseUrl: env.ICA_BASE_URL, apiKey: required(env, "ICA_API_KEY") },
      infisical: {
        baseUrl: env.INFISICAL_BASE_URL,
        adminToken: required(env, "INFISICAL_TOKEN"),
        identityId: required(env, "INFISICAL_IDENTITY_ID"),
      },
      allowInsecureHttp: false,
      close: () => issuer.close(),
    };
  }

  const [issuer, fakes] = await Promise.all([startOidcIssuer(), startAll()]);
  const identity = fakes.infisical.createIdentity({ name: "ci-deployer" });
  return {
    mode: "fakes",
    issuer,
    fakes,
    confluent: { baseUrl: fakes.confluent.url, apiKey: fakes.confluent.apiKey },
    ica: { baseUrl: fakes.ica.url, apiKey: fakes.ica.apiKey },
    infisical: {
      baseUrl: fakes.infisical.url,
      adminToken: fakes.infisical.adminToken,
      identityId: identity.id,
    },
    allowInsecureHttp: false,
    close: async () => {
      await Promise.all([fakes.close(), issuer.close()]);
    },
  };
}
