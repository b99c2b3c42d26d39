import { ConfigurationError } from "../errors.js";
import { WorkloadIdentityMissingError, type WorkloadTokenOrigin } from "./errors.js";
import {
  createWorkloadTokenSource,
  type WorkloadTokenOptions,
  type WorkloadTokenSource,
} from "./workload-token-source.js";

/** Environment variables as a plain record (`process.env` fits). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** `process.env` where there is one (Node, Bun, Deno's Node compatibility); nothing in browsers. */
export function processEnvironment(): Environment | undefined {
  return (globalThis as { process?: { env?: Environment } }).process?.env;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks an option that names an environment variable; the name is not a secret, so it may be quoted. */
export function checkVariableName(name: unknown, setting: string): string {
  if (typeof name !== "string" || !VARIABLE_NAME.test(name)) {
    throw new ConfigurationError(`${setting} must name an environment variable (letters, digits, _)`, {
      setting,
    });
  }
  return name;
}

/** The trimmed value of `name`, or undefined when it is absent or blank. */
export function readVariable(env: Environment | undefined, name: string): string | undefined {
  const value = env?.[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export interface JwtFromEnvOptions extends WorkloadTokenOptions {
  /** The environment variable that holds the JWT. */
  variable: string;
  /** Where to read variables (default `globalThis.process?.env`). */
  env?: Environment;
}

/**
 * A workload JWT from an environment variable, for CI systems and platforms not covered by the other
 * sources. The variable is read again when the token nears its `exp`; a missing or empty variable is a
 * `WorkloadIdentityMissingError` naming it, a value that is not a live JWT an `InvalidWorkloadJwtError`.
 *
 * @example
 * const sts = confluentSts({ identityPoolId: "pool-abc", subjectToken: jwtFromEnv({ variable: "CI_OIDC_TOKEN" }) });
 */
export function jwtFromEnv(options: JwtFromEnvOptions): WorkloadTokenSource {
  const variable = checkVariableName(options.variable, "variable");
  return envTokenSource({
    ...options,
    variable,
    origin: "environment",
    description: `JWT in the environment variable ${variable}`,
    missing: `The environment variable ${variable} that should hold the workload JWT is not set or empty`,
  });
}

/** The shared body of the environment-variable sources (`jwtFromEnv`, `gitlabCiIdToken`). */
export function envTokenSource(
  init: WorkloadTokenOptions & {
    variable: string;
    env?: Environment | undefined;
    origin: WorkloadTokenOrigin;
    description: string;
    missing: string;
  },
): WorkloadTokenSource {
  const { variable, env, origin, description, missing, ...options } = init;
  return createWorkloadTokenSource({
    origin,
    description,
    options,
    read: async () => {
      const value = readVariable(env ?? processEnvironment(), variable);
      if (value === undefined) {
        throw new WorkloadIdentityMissingError(missing, { origin, variables: [variable] });
      }
      return value;
    },
  });
}
