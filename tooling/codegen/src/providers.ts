/** One provider's spec and where its generated code goes, relative to the repository root. */
export interface ProviderTarget {
  /** The API alias in redocly.yaml. */
  readonly name: string;
  readonly spec: string;
  readonly outDir: string;
  /** Where the bundled spec goes as a TS module, for the fakes in @idclients/testing. */
  readonly specModuleDir: string;
}

export const providerTargets: readonly ProviderTarget[] = ["confluent", "ica", "infisical"].map((name) => ({
  name,
  spec: `specs/${name}/openapi.yaml`,
  outDir: `packages/${name}/src/generated`,
  specModuleDir: "packages/testing/src/generated",
}));
