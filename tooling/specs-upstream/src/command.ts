import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type AllowList, AllowListError, judge, parseAllowList } from "./allow-list.ts";
import { compareFacts } from "./compare.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { DocumentError, loadDocument } from "./document.ts";
import { collectFacts, mergeFactSets } from "./facts.ts";
import { type ProviderReport, renderMarkdown, renderText, summarize, toJson } from "./report.ts";

export const USAGE = `Usage: pnpm specs:upstream (--provider <name> | --all) [options]

Compares a provider's published OpenAPI document with specs/<provider>/openapi.yaml for the
operations we cover, and exits 1 when a drift is not explained by the allow-list.

  --provider <name>     confluent, ica or infisical (repeatable)
  --all                 every provider of the config
  --file <doc>          read the provider's document from a file instead of its URL (repeatable)
  --url <url>           read it from this URL instead of the configured one (repeatable)
  --spec <file>         our spec (default: the config's)
  --out <dir>           also write drift-report.json and drift-report.md there
  --verbose             list allow-listed drift too, not only a count per allow-list entry
  --config <file>       default tooling/specs-upstream/upstream.json
  --allow-list <file>   default tooling/specs-upstream/allow-list.yaml

Exit status: 0 no unexplained drift, 1 unexplained drift, 2 a document could not be read or bad usage.
`;

export interface CommandIo {
  /** The repository root: config paths are relative to it. */
  readonly root: string;
  /** Where relative paths given on the command line are resolved. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch?: typeof fetch;
}

class UsageError extends Error {}

/** Runs the drift check; resolves to the exit status. */
export async function runDriftCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof AllowListError ||
      error instanceof DocumentError
    ) {
      io.stderr(`specs-upstream: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr(`\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const fromCli = (path: string) => (isAbsolute(path) ? path : resolve(io.cwd, path));
  const config = await loadConfig(
    values.config ? fromCli(values.config) : join(io.root, "tooling/specs-upstream/upstream.json"),
  );
  const allowListPath = values["allow-list"]
    ? fromCli(values["allow-list"])
    : join(io.root, "tooling/specs-upstream/allow-list.yaml");
  const allowList = await readAllowList(allowListPath);

  const providers = values.all ? Object.keys(config) : (values.provider ?? []);
  if (providers.length === 0) throw new UsageError("name a --provider or pass --all");
  const overrides = [...(values.file ?? []).map(fromCli), ...(values.url ?? [])];
  if ((overrides.length > 0 || values.spec) && providers.length !== 1) {
    throw new UsageError("--file, --url and --spec need exactly one --provider");
  }

  const reports: ProviderReport[] = [];
  for (const provider of providers) {
    const sources = config[provider];
    if (!sources)
      throw new UsageError(`unknown provider "${provider}" (known: ${Object.keys(config).join(", ")})`);
    const oursPath = values.spec ? fromCli(values.spec) : join(io.root, sources.spec);
    const upstream =
      overrides.length > 0
        ? overrides
        : sources.upstream.map((source) => (/^https?:\/\//i.test(source) ? source : join(io.root, source)));
    reports.push(await compareProvider(provider, oursPath, upstream, allowList, io));
  }

  io.stdout(renderText(reports, { verbose: values.verbose === true }));
  if (values.out) {
    const out = fromCli(values.out);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "drift-report.json"), `${JSON.stringify(toJson(reports), null, 2)}\n`);
    await writeFile(join(out, "drift-report.md"), renderMarkdown(reports));
    const shown = relative(io.cwd, out);
    const where = shown === "" ? "." : shown.startsWith("..") ? out : shown;
    io.stdout(`Wrote ${join(where, "drift-report.json")} and ${join(where, "drift-report.md")}\n`);
  }
  if (reports.some((report) => report.error !== undefined)) return 2;
  return reports.some((report) => summarize(report).unexplained > 0) ? 1 : 0;
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      provider: { type: "string", multiple: true },
      all: { type: "boolean" },
      file: { type: "string", multiple: true },
      url: { type: "string", multiple: true },
      spec: { type: "string" },
      out: { type: "string" },
      config: { type: "string" },
      "allow-list": { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: false,
    strict: true,
  });
}

async function readAllowList(path: string): Promise<AllowList> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new AllowListError(`could not read ${path}: ${(error as Error).message}`);
  }
  return parseAllowList(text, path);
}

function display(io: CommandIo, source: string): string {
  if (/^https?:\/\//i.test(source)) return source;
  const fromRoot = relative(io.root, source);
  return fromRoot.startsWith("..") ? source : fromRoot;
}

/** Compares one provider; a provider document that cannot be read is reported, not thrown. */
async function compareProvider(
  provider: string,
  oursPath: string,
  upstreamSources: readonly string[],
  allowList: AllowList,
  io: CommandIo,
): Promise<ProviderReport> {
  const ours = collectFacts(await loadDocument(oursPath, { cwd: io.cwd, label: display(io, oursPath) }));
  const base = {
    provider,
    ours: display(io, oursPath),
    upstream: upstreamSources.map((s) => display(io, s)),
  };
  const coveredPaths = new Set(ours.operations.map((op) => op.key.slice(op.key.indexOf(" ") + 1)));

  let documents: Awaited<ReturnType<typeof loadDocument>>[];
  try {
    documents = await Promise.all(
      upstreamSources.map((source) =>
        loadDocument(source, {
          cwd: io.cwd,
          label: display(io, source),
          ...(io.fetch ? { fetch: io.fetch } : {}),
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return {
      ...base,
      operations: { ours: ours.operations.length, foundUpstream: 0 },
      drifts: [],
      unusedAllowListEntries: [],
      error: error.message,
    };
  }
  const upstream = mergeFactSets(
    documents.map((document) => collectFacts(document, { paths: coveredPaths })),
  );
  const upstreamKeys = new Set(upstream.operations.map((op) => op.key));
  const { drifts, unused } = judge(compareFacts(upstream, ours), allowList[provider] ?? []);
  return {
    ...base,
    operations: {
      ours: ours.operations.length,
      foundUpstream: ours.operations.filter((op) => upstreamKeys.has(op.key)).length,
    },
    drifts,
    unusedAllowListEntries: unused,
  };
}
