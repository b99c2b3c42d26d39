import {
  type ApiClientOptions,
  confluentFailureFormat,
  createApiClient,
  type EnvironmentConvention,
  type IdClient,
  PaginationError,
  type ProviderMeta,
  type ResponseBody,
  unwrap,
} from "@idclients/auth";
import { type Credentials, operations, securitySchemes } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Confluent Cloud's API host. */
export const CONFLUENT_BASE_URL = "https://api.confluent.cloud";

/** Confluent Cloud as the shared runtime sees it: security schemes, operation metadata and its `Failure` format. */
export const confluentProvider: ProviderMeta = {
  name: "confluent",
  securitySchemes,
  operations,
  failureFormat: confluentFailureFormat,
};

/** The list operations, which `paginate` walks page by page. */
export type ConfluentListPath =
  | "/iam/v2/identity-providers"
  | "/iam/v2/identity-providers/{provider_id}/identity-pools";

type ListInit<P extends ConfluentListPath> = paths[P]["get"]["parameters"] extends { path: infer Path }
  ? { params: { path: Path; query?: { page_size?: number } } }
  : { params?: { query?: { page_size?: number } } };

type ListItem<P extends ConfluentListPath> = ResponseBody<
  NonNullable<paths[P]["get"]["responses"][200]["content"]["application/json"]["data"]>[number]
>;

/** A typed openapi-fetch client of Confluent Cloud, plus `paginate` for the list operations. */
export type ConfluentClient = IdClient<paths> & {
  /**
   * Iterates over every item of a list operation, following `metadata.next` page after page. A server
   * that hands out a page token twice ends the walk with a `PaginationError` instead of looping.
   *
   * @example
   * for await (const provider of confluent.paginate("/iam/v2/identity-providers")) console.log(provider.id);
   */
  paginate<P extends ConfluentListPath>(
    path: P,
    ...init: ListInit<P> extends { params: unknown } ? [ListInit<P>] : [ListInit<P>?]
  ): AsyncIterableIterator<ListItem<P>>;
};

/** Options of `createConfluentClient`: credentials by scheme name plus transport settings. */
export type ConfluentClientOptions = ApiClientOptions<Credentials>;

/**
 * Creates a typed client of Confluent Cloud's iam/v2 identity providers and pools and sts/v1.
 *
 * @example
 * const confluent = createConfluentClient({ auth: { "cloud-api-key": { username: key, password: secret } } });
 */
export function createConfluentClient(options: ConfluentClientOptions = {}): ConfluentClient {
  const client = createApiClient<paths, Credentials>(
    confluentProvider,
    CONFLUENT_BASE_URL,
    options,
    confluentEnvironment,
  );
  // The two list paths share one page shape; a loosely typed view of GET keeps the loop generic.
  const getPage = client.GET as unknown as (
    path: string,
    init: unknown,
  ) => Promise<{ data: ListPage | undefined; response: Response }>;
  const paginate = async function* (path: ConfluentListPath, init?: { params?: Record<string, unknown> }) {
    const params = init?.params ?? {};
    let query: Record<string, unknown> = { ...(params.query as Record<string, unknown> | undefined) };
    const seen = new Set<string>();
    for (;;) {
      const page = await unwrap(getPage(path, { ...init, params: { ...params, query } }));
      for (const item of page?.data ?? []) yield item;
      const next = page?.metadata?.next;
      const token = typeof next === "string" && next !== "" ? nextPageToken(next) : undefined;
      if (token === undefined) return;
      if (seen.has(token)) {
        throw new PaginationError(
          `${path}: the server returned a page token it had already given; stopping`,
          {
            provider: "confluent",
          },
        );
      }
      seen.add(token);
      // page_size is only honoured on the first request; later pages are addressed by the token alone.
      query = { page_token: token };
    }
  };
  return Object.assign(client, { paginate }) as ConfluentClient;
}

interface ListPage {
  data?: unknown[];
  metadata?: { next?: string | null };
}

/** Reads `page_token` from a `metadata.next` URL (Confluent documents the link as opaque apart from that). */
function nextPageToken(next: string): string | undefined {
  try {
    return new URL(next, CONFLUENT_BASE_URL).searchParams.get("page_token") ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The variables Confluent's Terraform provider reads for a Cloud API key (`CONFLUENT_CLOUD_API_KEY`,
 * `CONFLUENT_CLOUD_API_SECRET`), and the REST endpoint variable of Confluent's MCP server
 * (`CONFLUENT_CLOUD_REST_ENDPOINT`).
 */
export const confluentEnvironment: EnvironmentConvention<Credentials> = {
  baseUrl: { variables: ["CONFLUENT_CLOUD_REST_ENDPOINT"], toBaseUrl: (value) => value.replace(/\/+$/, "") },
  credentialVariables: ["CONFLUENT_CLOUD_API_KEY + CONFLUENT_CLOUD_API_SECRET"],
  auth(read) {
    const username = read("CONFLUENT_CLOUD_API_KEY");
    const password = read("CONFLUENT_CLOUD_API_SECRET");
    return username !== undefined && password !== undefined
      ? { "cloud-api-key": { username, password } }
      : undefined;
  },
};
