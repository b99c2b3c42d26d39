import type { Client, MaybeOptionalInit, ParseAsResponse } from "openapi-fetch";
import type {
  $Read,
  $Write,
  ErrorResponse,
  HttpMethod,
  MediaType,
  PathsWithMethod,
  RequiredKeysOf,
  ResponseObjectMap,
  SuccessResponse,
} from "openapi-typescript-helpers";
import type { CallOptions } from "./transport.js";

/**
 * Strips `$Read`/`$Write` markers from a response type like openapi-fetch's `Readable`, but leaves
 * primitives as they are first: an open enum `"OK" | (string & {})` must stay a string union, not be
 * mapped over as if `string & {}` were an object.
 */
export type ResponseBody<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends $Write<unknown>
    ? never
    : T extends $Read<infer U>
      ? ResponseBody<U>
      : T extends (infer E)[]
        ? ResponseBody<E>[]
        : T extends object
          ? { [K in keyof T as NonNullable<T[K]> extends $Write<unknown> ? never : K]: ResponseBody<T[K]> }
          : T;

/** openapi-fetch's result object, with response types that keep open enums intact. */
export type CallResult<T, Options, Media extends MediaType> = CallResultOf<Responses<T>, Options, Media>;

/** The `responses` map of operation `T`, or an empty map when it declares none. */
type Responses<T> =
  ResponseObjectMap<T> extends Record<string | number, unknown> ? ResponseObjectMap<T> : Record<never, never>;

/** `CallResult` from a responses map: `data` typed by the 2xx responses, `error` by the others. */
type CallResultOf<R extends Record<string | number, unknown>, Options, Media extends MediaType> =
  | {
      data: ParseAsResponse<ResponseBody<SuccessResponse<R, Media>>, Options>;
      error?: never;
      response: Response;
    }
  | {
      data?: never;
      error: ResponseBody<ErrorResponse<R, Media>>;
      response: Response;
    };

/** A call's options: openapi-fetch's, plus per-call `retry` and `timeoutMs` (type-checked). */
type CallInit<Init> = RequiredKeysOf<Init> extends never ? [(Init & CallOptions)?] : [Init & CallOptions];

/** The operation object of `Path` and `M`, looked up without requiring an index signature on `paths`. */
type Operation<Paths, Path, M> = Path extends keyof Paths
  ? M extends keyof Paths[Path]
    ? Paths[Path][M]
    : never
  : never;

/** The typed signature of one HTTP method (`GET`, `POST`, ...) of a client: `(url, init?)`. */
type Method<Paths extends {}, M extends HttpMethod, Media extends MediaType> = <
  Path extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalInit<Paths[Path], M & keyof Paths[Path]>,
>(
  url: Path,
  ...init: CallInit<Init>
) => Promise<CallResult<Operation<Paths, Path, M>, Init, Media>>;

/** The typed method overloads a client adds in front of openapi-fetch's own (see `IdClient`). */
export interface IdClientMethods<Paths extends {}, Media extends MediaType = MediaType> {
  /**
   * Calls the operation at `url` with the HTTP method `method` (lower case, as openapi-fetch's
   * `request` takes it); `init` holds the operation's `params` and `body` plus per-call `retry` and
   * `timeoutMs`, and is required when the operation has a required parameter or body.
   */
  request: <
    M extends HttpMethod,
    Path extends PathsWithMethod<Paths, M>,
    Init extends MaybeOptionalInit<Paths[Path], M & keyof Paths[Path]>,
  >(
    method: M,
    url: Path,
    ...init: CallInit<Init>
  ) => Promise<CallResult<Operation<Paths, Path, M>, Init, Media>>;
  /** Calls the GET operation at `url` (a path template of `Paths`); `init` as for `request`. */
  GET: Method<Paths, "get", Media>;
  /** Calls the PUT operation at `url` (a path template of `Paths`); `init` as for `request`. */
  PUT: Method<Paths, "put", Media>;
  /** Calls the POST operation at `url` (a path template of `Paths`); `init` as for `request`. */
  POST: Method<Paths, "post", Media>;
  /** Calls the DELETE operation at `url` (a path template of `Paths`); `init` as for `request`. */
  DELETE: Method<Paths, "delete", Media>;
  /** Calls the OPTIONS operation at `url` (a path template of `Paths`); `init` as for `request`. */
  OPTIONS: Method<Paths, "options", Media>;
  /** Calls the HEAD operation at `url` (a path template of `Paths`); `init` as for `request`. */
  HEAD: Method<Paths, "head", Media>;
  /** Calls the PATCH operation at `url` (a path template of `Paths`); `init` as for `request`. */
  PATCH: Method<Paths, "patch", Media>;
  /** Calls the TRACE operation at `url` (a path template of `Paths`); `init` as for `request`. */
  TRACE: Method<Paths, "trace", Media>;
}

/**
 * The type of every `createXClient()` result: an openapi-fetch `Client<Paths>` (the same runtime object,
 * and assignable wherever openapi-fetch's client is expected: openapi-react-query's `createQueryClient`,
 * `wrapAsPathBasedClient`, ...). Its `GET`, `POST`, ... put typed overloads in front of openapi-fetch's
 * own: they keep open enums as string unions and type the per-call `retry` and `timeoutMs`. A call
 * those overloads do not accept falls back to openapi-fetch's signature (and a malformed `retry` or
 * `timeoutMs` is then refused at run time with a `ConfigurationError`). `request(method, path)` is
 * typed by openapi-fetch alone.
 */
export interface IdClient<Paths extends {}, Media extends MediaType = MediaType>
  extends Client<Paths, Media> {
  GET: Method<Paths, "get", Media> & Client<Paths, Media>["GET"];
  PUT: Method<Paths, "put", Media> & Client<Paths, Media>["PUT"];
  POST: Method<Paths, "post", Media> & Client<Paths, Media>["POST"];
  DELETE: Method<Paths, "delete", Media> & Client<Paths, Media>["DELETE"];
  OPTIONS: Method<Paths, "options", Media> & Client<Paths, Media>["OPTIONS"];
  HEAD: Method<Paths, "head", Media> & Client<Paths, Media>["HEAD"];
  PATCH: Method<Paths, "patch", Media> & Client<Paths, Media>["PATCH"];
  TRACE: Method<Paths, "trace", Media> & Client<Paths, Media>["TRACE"];
}
