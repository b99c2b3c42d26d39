/** One provider's spec and where its generated code goes, relative to the repository root. */
export interface ProviderTarget {
  /** The API alias in redocly.yaml. */
  readonly name: string;
  readonly spec: string;
  readonly outDir: string;
}

export const providerTargets: readonly ProviderTarget[] = ["confluent", "ica", "infisical"].map((name) => ({
  name,
  spec: `specs/${name}/openapi.yaml`,
  outDir: `packages/${name}/src/generated`,
}));
