// What our client types cost a consumer's type-check, against bare openapi-fetch on the same `paths`.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Summary, summarize } from "./stats.ts";
import { diagnostic, runTsc } from "./tsc.ts";

const BENCH = fileURLToPath(new URL("..", import.meta.url));

/** One compiled consumer: what tsc's --extendedDiagnostics reported. */
export interface TypecheckRun {
  instantiations: number;
  types: number;
  checkMs: Summary;
  wallMs: Summary;
}

export interface ConsumerTypecheckCase {
  /** "calls": the 20 calls below; "clients": only creates the three clients and exports them. */
  name: "calls" | "clients";
  what: string;
  ours: TypecheckRun;
  bare: TypecheckRun;
}

export interface ConsumerTypecheckResult {
  typescript: string;
  runs: number;
  calls: number;
  cases: ConsumerTypecheckCase[];
}

/**
 * The compiler settings of a typical consumer. skipLibCheck as most apps have it: the packages' own
 * .d.ts are not checked, only what the consumer's code makes the compiler instantiate.
 */
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  include: ["src"],
};

/**
 * Twenty ordinary calls across the three providers (every operation once, one list call twice), each
 * written once and used by both consumers: ours wraps it in `unwrap(...)` (which throws the typed
 * error), the bare one reads `data` after checking `error`, as openapi-fetch's docs do.
 */
const CALLS: { client: "confluent" | "ica" | "infisical"; call: string }[] = [
  { client: "confluent", call: `GET("/iam/v2/identity-providers", {})` },
  {
    client: "confluent",
    call: `GET("/iam/v2/identity-providers", { params: { query: { page_size: 10 } } })`,
  },
  {
    client: "confluent",
    call: `POST("/iam/v2/identity-providers", { body: { display_name: "Corporate Okta", description: "Workload identities", issuer: "https://corp.okta.com/oauth2/default", jwks_uri: "https://corp.okta.com/oauth2/default/v1/keys" } })`,
  },
  {
    client: "confluent",
    call: `GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-123" } } })`,
  },
  {
    client: "confluent",
    call: `PATCH("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-123" } }, body: { jwks_uri: "https://corp.okta.com/oauth2/v2/keys" } })`,
  },
  {
    client: "confluent",
    call: `DELETE("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-123" } } })`,
  },
  {
    client: "confluent",
    call: `PATCH("/iam/v2/identity-providers/{provider_id}/jwks", { params: { path: { provider_id: "op-123" } }, body: { spec: { jwks_status: "REFRESHED" } } })`,
  },
  {
    client: "confluent",
    call: `GET("/iam/v2/identity-providers/{provider_id}/identity-pools", { params: { path: { provider_id: "op-123" } } })`,
  },
  {
    client: "confluent",
    call: `POST("/iam/v2/identity-providers/{provider_id}/identity-pools", { params: { path: { provider_id: "op-123" } }, body: { display_name: "deployer", description: "CI deployer", identity_claim: "claims.sub", filter: 'claims.aud == "confluent"' } })`,
  },
  {
    client: "confluent",
    call: `GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", { params: { path: { provider_id: "op-123", id: "pool-1" } } })`,
  },
  {
    client: "confluent",
    call: `PATCH("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", { params: { path: { provider_id: "op-123", id: "pool-1" } }, body: { filter: 'claims.env == "prod"' } })`,
  },
  {
    client: "confluent",
    call: `DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", { params: { path: { provider_id: "op-123", id: "pool-1" } } })`,
  },
  {
    client: "confluent",
    call: `POST("/sts/v1/oauth2/token", { body: { grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: "eyJ...", identity_pool_id: "pool-1", subject_token_type: "urn:ietf:params:oauth:token-type:jwt", requested_token_type: "urn:ietf:params:oauth:token-type:access_token" } })`,
  },
  { client: "ica", call: `POST("/api/tokens", {})` },
  { client: "ica", call: `POST("/api/tokens:refresh", {})` },
  {
    client: "infisical",
    call: `POST("/api/v1/auth/jwt-auth/login", { body: { identityId: "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f", jwt: "eyJ..." } })`,
  },
  {
    client: "infisical",
    call: `POST("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: { identityId: "7d0c4f3e" } }, body: { configurationType: "jwks", jwksUrl: "https://issuer.example/jwks", boundIssuer: "https://issuer.example", boundAudiences: "infisical", boundClaims: {} } })`,
  },
  {
    client: "infisical",
    call: `GET("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: { identityId: "7d0c4f3e" } } })`,
  },
  {
    client: "infisical",
    call: `PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: { identityId: "7d0c4f3e" } }, body: { configurationType: "jwks", jwksUrl: "https://issuer.example/jwks", boundAudiences: "infisical,ci" } })`,
  },
  {
    client: "infisical",
    call: `DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: { identityId: "7d0c4f3e" } } })`,
  },
];

const OURS_CLIENTS = `import { createConfluentClient, unwrap } from "@idclients/confluent";
import { createIcaClient } from "@idclients/ica";
import { createInfisicalClient } from "@idclients/infisical";

export const confluent = createConfluentClient({
  auth: { "cloud-api-key": { username: "KEY", password: "SECRET" } },
});
export const ica = createIcaClient({ auth: { ApiKeyAuth: "API-KEY" } });
export const infisical = createInfisicalClient();
`;

// The bare consumer takes `paths` straight from the generated schema (dist/generated/schema.d.ts), so
// that none of our runtime's types are loaded.
const bareClients = (packages: string) => `import createClient from "openapi-fetch";
import type { paths as ConfluentPaths } from "${packages}/confluent/dist/generated/schema.js";
import type { paths as IcaPaths } from "${packages}/ica/dist/generated/schema.js";
import type { paths as InfisicalPaths } from "${packages}/infisical/dist/generated/schema.js";

export const confluent = createClient<ConfluentPaths>({
  baseUrl: "https://api.confluent.cloud",
  headers: { authorization: "Basic S0VZOlNFQ1JFVA==" },
});
export const ica = createClient<IcaPaths>({
  baseUrl: "https://ica.illumina.com/ica/rest",
  headers: { "x-api-key": "API-KEY" },
});
export const infisical = createClient<InfisicalPaths>({ baseUrl: "https://app.infisical.com" });
`;

function consumerSource(kind: "ours" | "bare", withCalls: boolean, dir: string): string {
  const packages = relative(join(dir, "src"), join(BENCH, "../packages"));
  const head = `// Generated by bench/src/consumer-typecheck.ts.\n${kind === "ours" ? OURS_CLIENTS : bareClients(packages)}`;
  if (!withCalls) return head;
  const calls = CALLS.map(({ client, call }, i) =>
    kind === "ours"
      ? `export const r${i} = await unwrap(${client}.${call});`
      : `const c${i} = await ${client}.${call};\nif (c${i}.error !== undefined) throw new Error("call ${i} failed");\nexport const r${i} = c${i}.data;`,
  );
  return `${head}\n${calls.join("\n")}\n`;
}

async function writeProject(dir: string, source: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "src"), { recursive: true });
  await writeFile(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
  await writeFile(join(dir, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  await writeFile(join(dir, "src/consumer.ts"), source);
}

async function check(dir: string): Promise<{ output: string; ms: number }> {
  const tsc = await runTsc(dir);
  if (tsc.code !== 0) throw new Error(`tsc found errors in ${join(dir, "src/consumer.ts")}:\n${tsc.output}`);
  return tsc;
}

function summarizeRuns(runs: { output: string; ms: number }[]): TypecheckRun {
  const last = runs.at(-1)?.output ?? "";
  return {
    instantiations: diagnostic(last, "Instantiations"),
    types: diagnostic(last, "Types"),
    checkMs: summarize(runs.map((r) => diagnostic(r.output, "Check time"))),
    wallMs: summarize(runs.map((r) => r.ms)),
  };
}

/**
 * Compiles, `runs` times each, a consumer of the three packages (their built dist/*.d.ts, through the
 * workspace links in bench/node_modules) and the same consumer on bare openapi-fetch, in projects
 * under bench/.tmp (strict, module NodeNext, skipLibCheck). The builds must be current.
 */
export async function measureConsumerTypecheck(options: {
  runs: number;
  cases: readonly ("calls" | "clients")[];
  typescript: string;
}): Promise<ConsumerTypecheckResult> {
  const cases: ConsumerTypecheckCase[] = [];
  for (const name of options.cases) {
    const withCalls = name === "calls";
    const dirs = {
      ours: join(BENCH, ".tmp", "consumer-typecheck", name, "ours"),
      bare: join(BENCH, ".tmp", "consumer-typecheck", name, "bare"),
    };
    await writeProject(dirs.ours, consumerSource("ours", withCalls, dirs.ours));
    await writeProject(dirs.bare, consumerSource("bare", withCalls, dirs.bare));
    // Alternated run by run, so that both consumers see the same machine.
    const runs = {
      ours: [] as { output: string; ms: number }[],
      bare: [] as { output: string; ms: number }[],
    };
    for (let i = 0; i < options.runs; i++) {
      runs.ours.push(await check(dirs.ours));
      runs.bare.push(await check(dirs.bare));
    }
    const ours = summarizeRuns(runs.ours);
    const bare = summarizeRuns(runs.bare);
    cases.push({
      name,
      what: withCalls
        ? `${CALLS.length} calls across the three providers`
        : "creates the three clients and exports them",
      ours,
      bare,
    });
  }
  return { typescript: options.typescript, runs: options.runs, calls: CALLS.length, cases };
}
