import { type ConfluentFake, type ConfluentFakeOptions, startConfluent } from "./confluent.js";
import { type IcaFake, type IcaFakeOptions, startIca } from "./ica.js";
import { type InfisicalFake, type InfisicalFakeOptions, startInfisical } from "./infisical.js";

/** Options of `startAll`: options per fake, plus settings applied to all three. */
export interface AllFakesOptions {
  /** Options of the Confluent fake. */
  confluent?: ConfluentFakeOptions;
  /** Options of the ICA fake. */
  ica?: IcaFakeOptions;
  /** Options of the Infisical fake. */
  infisical?: InfisicalFakeOptions;
  /** `echoCredentials` for the three fakes (a fake's own option wins); default false. */
  echoCredentials?: boolean;
  /** `cors` for the three fakes (a fake's own option wins); default false. */
  cors?: boolean;
}

/** The three fakes started together. */
export interface AllFakes {
  /** The Confluent Cloud fake. */
  confluent: ConfluentFake;
  /** The ICA fake. */
  ica: IcaFake;
  /** The Infisical fake. */
  infisical: InfisicalFake;
  /** Clears the faults of all three. */
  clearFaults(): void;
  /** Closes all three. */
  close(): Promise<void>;
}

/**
 * Starts the Confluent, ICA and Infisical fakes, each on its own free port of 127.0.0.1.
 *
 * @example
 * const fakes = await startAll();
 * try { ... } finally { await fakes.close(); }
 */
export async function startAll(options: AllFakesOptions = {}): Promise<AllFakes> {
  const echoCredentials = options.echoCredentials ?? false;
  const cors = options.cors ?? false;
  const started = await Promise.allSettled([
    startConfluent({ echoCredentials, cors, ...options.confluent }),
    startIca({ echoCredentials, cors, ...options.ica }),
    startInfisical({ echoCredentials, cors, ...options.infisical }),
  ]);
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    // Do not leak the servers that did start.
    await Promise.all(
      started.map((result) => (result.status === "fulfilled" ? result.value.close() : undefined)),
    );
    throw (failed as PromiseRejectedResult).reason;
  }
  const [confluent, ica, infisical] = started.map(
    (result) => (result as PromiseFulfilledResult<unknown>).value,
  ) as [ConfluentFake, IcaFake, InfisicalFake];
  return {
    confluent,
    ica,
    infisical,
    clearFaults: () => {
      confluent.faults.clear();
      ica.faults.clear();
      infisical.faults.clear();
    },
    close: async () => {
      await Promise.all([confluent.close(), ica.close(), infisical.close()]);
    },
  };
}
