/**
 * Properties under mutation: a fixed seed, so the dry run and every mutant run see the same inputs (a
 * survivor is reproducible), few runs, no shrinking (a kill needs one counterexample, not the smallest).
 */
export const MUTATION_PROPERTY_RUNS = { seed: 42, numRuns: 10, shrink: false };

/** A mutant that makes the server hang fails its test within this request deadline instead of Stryker's timeout. */
export const MUTATION_TIMEOUT_MS = 2500;
