/** Options of the emulator; each is also readable from `SCALINGO_EMULATOR_<NAME>` and a `--kebab-case` flag. */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; `0` picks a free one. @default `0` */
  port: number;
  /** Delay added to every non-control response, in ms. @default `0` */
  latencyMs: number;
  /** Time an add-on stays `provisioning` after a create or a plan change, in ms. @default `1000` */
  addonProvisionMs: number;
  /** Time a scale or restart operation stays pending then running, in ms; deployments take 4 steps of it. @default `500` */
  operationMs: number;
  /** Requests per minute per API token before 429; `0` turns the limit off. @default `60` */
  rateLimit: number;
  /** Fraction of non-control requests that fail with 500/502/503 or a dropped connection. @default `0` */
  faultRate: number;
  /** Seed of the fault PRNG, so a run with faults is reproducible. @default `1` */
  faultSeed: number;
  /** Lifetime of the bearer JWT returned by the token exchange, in seconds. @default `3600` */
  tokenTtlS: number;
  /** JSON file the state is loaded from at start and written to (atomically) after each change. @default `undefined` */
  stateFile: string | undefined;
}

/** Defaults used when neither a flag, an environment variable nor an explicit option sets a value. */
export const DEFAULT_OPTIONS: EmulatorOptions = {
  port: 0,
  latencyMs: 0,
  addonProvisionMs: 1000,
  operationMs: 500,
  rateLimit: 60,
  faultRate: 0,
  faultSeed: 1,
  tokenTtlS: 3600,
  stateFile: undefined,
};

type NumericKey = Exclude<keyof EmulatorOptions, "stateFile">;

const NUMERIC_KEYS: readonly NumericKey[] = [
  "port",
  "latencyMs",
  "addonProvisionMs",
  "operationMs",
  "rateLimit",
  "faultRate",
  "faultSeed",
  "tokenTtlS",
];

/** `latencyMs` → `latency-ms`. */
export const toKebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `latencyMs` → `SCALINGO_EMULATOR_LATENCY_MS`. */
export const toEnvName = (key: string): string =>
  `SCALINGO_EMULATOR_${toKebab(key).replace(/-/g, "_").toUpperCase()}`;

const parseNumber = (key: string, raw: string, source: string): number => {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new Error(`Emulator option ${source} must be a non-negative number (got "${raw}").`);
  }
  if (key === "faultRate" && value > 1) {
    throw new Error(`Emulator option ${source} must be between 0 and 1 (got "${raw}").`);
  }
  return value;
};

/** Options set through `SCALINGO_EMULATOR_*` environment variables. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): Partial<EmulatorOptions> {
  const options: Partial<EmulatorOptions> = {};
  for (const key of NUMERIC_KEYS) {
    const raw = env[toEnvName(key)];
    if (raw !== undefined) options[key] = parseNumber(key, raw, toEnvName(key));
  }
  const stateFile = env[toEnvName("stateFile")];
  if (stateFile !== undefined && stateFile !== "") options.stateFile = stateFile;
  return options;
}

/** Options set through `--kebab-case value` or `--kebab-case=value` flags; unknown flags throw. */
export function optionsFromArgs(argv: readonly string[]): Partial<EmulatorOptions> {
  const options: Partial<EmulatorOptions> = {};
  const byFlag = new Map<string, keyof EmulatorOptions>(
    [...NUMERIC_KEYS, "stateFile" as const].map((key) => [`--${toKebab(key)}`, key]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag = "", inline] = arg.split(/=(.*)/s, 2);
    const key = byFlag.get(flag);
    if (key === undefined) {
      throw new Error(`Unknown emulator option "${arg}". Known options: ${[...byFlag.keys()].join(", ")}.`);
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`Emulator option ${flag} needs a value.`);
    if (key === "stateFile") options.stateFile = raw;
    else options[key] = parseNumber(key, raw, flag);
  }
  return options;
}

/** Defaults, then environment, then explicit options (flags or the `startEmulator` argument). */
export function resolveOptions(
  explicit: Partial<EmulatorOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
): EmulatorOptions {
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_OPTIONS, ...optionsFromEnv(env), ...defined };
}
