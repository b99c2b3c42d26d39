// `pnpm run docs` (plain `pnpm docs` is a pnpm built-in that opens a package's web page): builds the
// documentation site into `site/` (gitignored).
//
//   site/index.html              links to everything below
//   site/api/<provider>.html     HTTP API reference per provider, Redocly `build-docs` from specs/
//   site/reference/              TypeScript API reference of the published packages, TypeDoc
//
// TypeDoc reads each package's sources through its tsconfig.build.json (tests excluded); imports of
// `@idclients/auth` resolve to its built `dist/*.d.ts`, so the packages are built first (turbo, cached).
// TypeDoc runs with validation on and warnings as errors (typedoc.json): an undocumented export, a
// broken `{@link}` or a type that is used but not exported fails the build.
//
// Code generated from the specs (`src/generated/`, never edited by hand) is handled by configuration:
// - `blockTags` in typedoc.json adds `@description` and `@constant`, the JSDoc tags openapi-typescript
//   writes from the specs' descriptions (openapi-typescript has no option to write plain summaries);
// - packages/<provider>/typedoc.json lists the generated helper types (`$Read`, `$Write`,
//   `WithRequired`, and Confluent's `ListInit` parameter helper) that appear in exported types but are
//   not exports themselves (`intentionallyNotExported`); packages/auth/typedoc.json adds the auth entry
//   points and its internal `Json` alias;
// - scripts/docs/typedoc-generated.mjs exempts undocumented members of generated files, and only those,
//   from the documentation check (their structure mirrors the spec, documented in site/api/).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const site = join(root, "site");
const bin = (name) => join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

const PACKAGES = ["auth", "confluent", "ica", "infisical", "testing"];
const PROVIDERS = [
  {
    id: "confluent",
    title: "Confluent Cloud",
    covers: "iam/v2 identity providers, JWKS refresh, identity pools; sts/v1",
  },
  { id: "ica", title: "Illumina Connected Analytics", covers: "JWT minting and refresh" },
  { id: "infisical", title: "Infisical", covers: "machine-identity JWT auth" },
];

function run(step, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    shell: process.platform === "win32",
  });
  if (result.status !== 0) {
    console.error(`docs: ${step} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`docs: ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const started = Date.now();
rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, "api"), { recursive: true });

run("build the packages", process.execPath, [
  "scripts/turbo.mjs",
  "run",
  "build",
  ...PACKAGES.map((name) => `--filter=@idclients/${name}`),
]);
for (const { id, title } of PROVIDERS) {
  run(`${title} API reference`, bin("redocly"), [
    "build-docs",
    id, // an api name from redocly.yaml
    "--output",
    join("site", "api", `${id}.html`),
    "--title",
    `${title} API — idclients`,
    "--inlineBundle", // no CDN at reading time: the site works offline
  ]);
}
// Extra arguments go to TypeDoc, e.g. `pnpm run docs --treatWarningsAsErrors false` to see the whole site
// while exports still lack comments.
run("TypeScript API reference", bin("typedoc"), process.argv.slice(2));

const escapeHtml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
writeFileSync(
  join(site, "index.html"),
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>idclients documentation</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1b1f24; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
  li { margin: .35rem 0; } small { color: #57606a; }
</style>
</head>
<body>
<h1>idclients documentation</h1>
<p>Typed TypeScript clients for the Confluent Cloud, Illumina ICA and Infisical identity and token APIs.</p>
<h2>TypeScript API reference</h2>
<ul>
${PACKAGES.map(
  (name) =>
    `  <li><a href="reference/modules/_idclients_${name}.html"><code>@idclients/${name}</code></a></li>`,
).join("\n")}
</ul>
<p><a href="reference/index.html">All packages</a></p>
<h2>HTTP API reference (from the OpenAPI specs in <code>specs/</code>)</h2>
<ul>
${PROVIDERS.map(
  ({ id, title, covers }) =>
    `  <li><a href="api/${id}.html">${escapeHtml(title)}</a> <small>${escapeHtml(covers)}</small></li>`,
).join("\n")}
</ul>
</body>
</html>
`,
);
console.log(`docs: site/ written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
