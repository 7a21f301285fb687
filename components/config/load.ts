/**
 * The program's way in: the stack's config as Pulumi hands it over, checked whole before any resource is
 * declared (so before any API call): the `paasenv:` namespace (`schema.ts`), the provider settings
 * (`scalingo:*`, `alwaysdata:*`) and the secrets (`secrets.ts`), every problem reported at once.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ALWAYSDATA_SETTINGS } from "../../providers/alwaysdata/settings";
import * as pulumi from "../../providers/base/sdk";
import { namespaceProblems } from "../../providers/base/settings";
import { SCALINGO_SETTINGS } from "../../providers/scalingo/settings";
import { ConfigError } from "./errors";
import { applyReviewOverrides } from "./review";
import { fromPulumiConfig, parseStackConfig, type StackConfig } from "./schema";
import { plainSecretEnvInFile, plainSecretWarnings, secretEnvProblem } from "./secrets";

/** A stack's config as a program sees it. */
export interface ConfigSource {
  /** Every key, values as strings (JSON for objects), as `pulumi.runtime.allConfig()` returns them. */
  all: Record<string, string>;
  /** Whether Pulumi holds `key` encrypted (`secure:`), for the whole key: one secure value marks it. */
  isSecret: (key: string) => boolean;
  /** The stack file's text when there is one (`Pulumi.<stack>.yaml`), to find clear values beside secure ones. */
  stackFile?: string | undefined;
  /** Where warnings go (`pulumi.log.warn` in a program). */
  warn: (message: string) => void;
}

/**
 * Read the current stack's config, validate it (throwing a `ConfigError` that names every bad key before any
 * resource is declared), log warnings, and apply the review overrides.
 */
export function loadConfig(source: ConfigSource = pulumiConfigSource()): StackConfig {
  const config = checkedConfig(source);
  if (config.environment !== "production")
    for (const warning of plainSecretWarnings(config.env)) source.warn(warning);
  return applyReviewOverrides(config);
}

/** The parsed `paasenv:` namespace, or a `ConfigError` listing its problems and those of the other checks. */
export function checkedConfig(source: ConfigSource): StackConfig {
  const raw = fromPulumiConfig(source.all);
  const others = [
    ...namespaceProblems("scalingo", SCALINGO_SETTINGS, source.all),
    ...namespaceProblems("alwaysdata", ALWAYSDATA_SETTINGS, source.all),
    ...secretProblems(source, raw.secretEnv),
  ];
  let config: StackConfig;
  try {
    config = parseStackConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...error.problems, ...others]);
    throw error;
  }
  if (others.length > 0) throw new ConfigError(others);
  return config;
}

/** Whether `paasenv:secretEnv` (as written, before the schema) is encrypted; see `secretEnvProblem`. */
function secretProblems(source: ConfigSource, secretEnv: unknown): string[] {
  if (secretEnv === null || typeof secretEnv !== "object" || Array.isArray(secretEnv)) return [];
  const values = Object.fromEntries(Object.entries(secretEnv).map(([name, value]) => [name, String(value)]));
  const plainInFile = source.stackFile === undefined ? [] : plainSecretEnvInFile(source.stackFile, values);
  const problem = secretEnvProblem(values, source.isSecret("paasenv:secretEnv"), plainInFile);
  return problem === undefined ? [] : [problem];
}

/** The config of the running Pulumi program. */
export function pulumiConfigSource(): ConfigSource {
  return {
    all: pulumi.runtime.allConfig(),
    isSecret: sdkIsConfigSecret(),
    stackFile: stackFileText(),
    warn: (message) => {
      pulumi.log.warn(message);
    },
  };
}

/**
 * `pulumi.runtime.isConfigSecret`: the SDK's reading of the secret keys the engine passes to the program
 * (`PULUMI_CONFIG_SECRET_KEYS`). It is marked internal, so it is looked up rather than imported.
 */
function sdkIsConfigSecret(): (key: string) => boolean {
  const runtime: Record<string, unknown> = pulumi.runtime;
  const isSecret = runtime.isConfigSecret;
  if (typeof isSecret !== "function") {
    throw new Error(
      "this @pulumi/pulumi has no runtime.isConfigSecret: paasenv cannot tell which config is secret",
    );
  }
  return (key) => isSecret(key) === true;
}

/** `Pulumi.<stack>.yaml` beside `Pulumi.yaml`, when it exists. */
function stackFileText(): string | undefined {
  const root = pulumi.runtime.getRootDirectory();
  if (root === "") return undefined;
  const file = join(root, `Pulumi.${pulumi.getStack()}.yaml`);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
