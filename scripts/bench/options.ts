/**
 * Options of `npm run bench`: realistic latencies by default, every figure overridable by a flag
 * (`--runs 7`) or an environment variable (`PAASENV_BENCH_RUNS=7`).
 */

/** What the bench runs with. */
export interface BenchOptions {
  /** Counted runs of each measurement (medians, min and max are reported). */
  runs: number;
  /** Latency the emulator adds to every API response. */
  latencyMs: number;
  /** Time an add-on stays `provisioning`. */
  addonProvisionMs: number;
  /** Duration of a scale/restart operation and of each deployment step. */
  operationMs: number;
  /** Review stacks created then destroyed in the rate-limit scenario (0 skips it). */
  reviewStacks: number;
  /** Review stacks brought up or down at once. */
  reviewConcurrency: number;
  /** Requests per minute per token in the rate-limit scenario (Scalingo's is 60). */
  rateLimit: number;
  /** Where the JSON results go (git-ignored). */
  out: string;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  runs: 5,
  latencyMs: 50,
  addonProvisionMs: 3000,
  operationMs: 1000,
  reviewStacks: 20,
  reviewConcurrency: 4,
  rateLimit: 60,
  out: ".bench/results.json",
};

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (key: string) => `PAASENV_BENCH_${kebab(key).replace(/-/g, "_").toUpperCase()}`;

/** Options from `--kebab-case value` flags, then `PAASENV_BENCH_*` variables, then the defaults. */
export function benchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  for (const key of Object.keys(DEFAULT_OPTIONS) as (keyof BenchOptions)[]) {
    const at = argv.indexOf(`--${kebab(key)}`);
    const raw = at >= 0 ? argv[at + 1] : env[envName(key)];
    if (raw === undefined) continue;
    if (key === "out") {
      options.out = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`bench: --${kebab(key)} must be a non-negative integer (got "${raw}")`);
    }
    options[key] = value;
  }
  if (options.runs < 1) throw new Error("bench: --runs must be at least 1");
  return options;
}
