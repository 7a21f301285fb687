/**
 * The environment variables paasenv manages on an app: plain ones (`paasenv:env`), secret ones
 * (`paasenv:secretEnv`) and the values wired from other resources (the public URL, the bucket and its keys).
 * Every value becomes a Pulumi secret, so none is readable in state. Pure functions, table-tested.
 *
 * Variables injected by Scalingo add-ons (`DATABASE_URL`, `SCALINGO_POSTGRESQL_URL`, `REDIS_URL`, …) are not
 * managed here: the `Variables` resource never touches keys it does not declare.
 */
import * as pulumi from "../../providers/base/sdk";
import { ConfigError } from "./errors";
import type { StackConfig } from "./schema";

/** The names of the wired variables (django-storages / boto3 names for the bucket). */
export const WIRED_VARIABLES = {
  /** The app's public URL: `https://<canonical domain>`, else the Scalingo URL. */
  url: "APP_URL",
  bucketName: "AWS_STORAGE_BUCKET_NAME",
  /** The S3 API endpoint (`https://s3.<region>.scw.cloud`). */
  endpoint: "AWS_S3_ENDPOINT_URL",
  region: "AWS_S3_REGION_NAME",
  accessKey: "AWS_ACCESS_KEY_ID",
  secretKey: "AWS_SECRET_ACCESS_KEY",
} as const;

/** What the bucket contributes to the app's variables. */
export interface StorageWiring {
  bucketName: pulumi.Input<string>;
  endpoint: pulumi.Input<string>;
  region: pulumi.Input<string>;
  accessKey: pulumi.Input<string>;
  secretKey: pulumi.Input<string>;
}

/** The wired variables: `APP_URL` always, the bucket's five when storage is on. */
export function wiredVariables(
  url: pulumi.Input<string>,
  storage: StorageWiring | undefined,
): Record<string, pulumi.Input<string>> {
  const wired: Record<string, pulumi.Input<string>> = { [WIRED_VARIABLES.url]: url };
  if (storage) {
    wired[WIRED_VARIABLES.bucketName] = storage.bucketName;
    wired[WIRED_VARIABLES.endpoint] = storage.endpoint;
    wired[WIRED_VARIABLES.region] = storage.region;
    wired[WIRED_VARIABLES.accessKey] = storage.accessKey;
    wired[WIRED_VARIABLES.secretKey] = storage.secretKey;
  }
  return wired;
}

/** The names {@link wiredVariables} returns, known from plain config before any resource exists. */
export function wiredVariableNames(storageEnabled: boolean): string[] {
  const { url, ...storage } = WIRED_VARIABLES;
  return storageEnabled ? [url, ...Object.values(storage)] : [url];
}

/**
 * Why a variable name is set twice, one message per clash: in both `paasenv:env` and `paasenv:secretEnv`, or
 * in config while paasenv wires it. Empty when there is no clash.
 */
export function variableClashes(
  config: Pick<StackConfig, "env" | "secretEnv">,
  wiredNames: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(config.env)) {
    if (name in config.secretEnv) {
      problems.push(`\`paasenv:env.${name}\` is also set in \`paasenv:secretEnv\`; keep only one of the two`);
    }
  }
  for (const name of wiredNames) {
    for (const key of ["env", "secretEnv"] as const) {
      if (name in config[key]) {
        problems.push(
          `\`paasenv:${key}.${name}\` is set by paasenv itself (${wiredSource(name)}); remove it from the config`,
        );
      }
    }
  }
  return problems;
}

function wiredSource(name: string): string {
  return name === WIRED_VARIABLES.url ? "the app's public URL" : "the object storage bucket";
}

/**
 * Every variable of the app, each value a Pulumi secret: `env`, `secretEnv` and the wired values.
 * Throws a `ConfigError` when a name is set twice (see {@link variableClashes}).
 */
export function appVariables(
  config: Pick<StackConfig, "env" | "secretEnv">,
  wired: Record<string, pulumi.Input<string>>,
): Record<string, pulumi.Output<string>> {
  const problems = variableClashes(config, Object.keys(wired));
  if (problems.length > 0) throw new ConfigError(problems);
  const all: Record<string, pulumi.Input<string>> = { ...config.env, ...config.secretEnv, ...wired };
  return Object.fromEntries(Object.entries(all).map(([name, value]) => [name, pulumi.secret(value)]));
}
