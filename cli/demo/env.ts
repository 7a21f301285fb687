/**
 * Where the demo runs: which Scalingo (its own emulator or the one `SCALINGO_AUTH_URL` names), which
 * Pulumi backend and passphrase, and the environment the `pulumi` processes get. Pure functions.
 */
import * as path from "node:path";

/** The passphrase of the demo's secrets when `PULUMI_CONFIG_PASSPHRASE` is not set. Not a secret. */
export const DEMO_PASSPHRASE = "paasenv-demo";

/** The API token given to the demo's own emulator (which accepts any non-empty token). */
export const EMULATOR_TOKEN = "paasenv-demo-token";

/** The Scalingo the demo talks to. */
export interface ScalingoTarget {
  /** `SCALINGO_AUTH_URL`: the emulator's URL, or the one from the environment. */
  authUrl: string;
  /** `SCALINGO_API_URL`, when forced for every region. */
  apiUrl?: string;
  /** `SCALINGO_DB_API_URL`, when forced for every region. */
  dbApiUrl?: string;
  /** `SCALINGO_API_TOKEN`. */
  token: string;
  /** True when the demo started this emulator itself. */
  ownEmulator: boolean;
  /** The Alwaysdata emulator the demo started beside its own Scalingo one, for the DNS records. */
  alwaysdata?: { url: string; apiKey: string };
}

/**
 * The Scalingo named by the environment (`SCALINGO_AUTH_URL`, optionally `SCALINGO_API_URL`,
 * `SCALINGO_DB_API_URL`, and `SCALINGO_API_TOKEN`, required then), or `undefined` to start an emulator.
 */
export function externalScalingo(env: NodeJS.ProcessEnv): ScalingoTarget | undefined {
  const authUrl = env.SCALINGO_AUTH_URL;
  if (authUrl === undefined || authUrl === "") return undefined;
  const token = env.SCALINGO_API_TOKEN;
  if (token === undefined || token === "") {
    throw new Error(
      `SCALINGO_AUTH_URL is set (${authUrl}) but SCALINGO_API_TOKEN is not: set the token of that Scalingo ` +
        "(any non-empty value for an emulator), or unset SCALINGO_AUTH_URL to let the demo start its own emulator",
    );
  }
  return {
    authUrl,
    ...(env.SCALINGO_API_URL ? { apiUrl: env.SCALINGO_API_URL } : {}),
    ...(env.SCALINGO_DB_API_URL ? { dbApiUrl: env.SCALINGO_DB_API_URL } : {}),
    token,
    ownEmulator: false,
  };
}

/** The Pulumi backend and passphrase: the environment's, else `file://<demoDir>/state` and the demo passphrase. */
export interface PulumiTarget {
  backendUrl: string;
  /** `undefined` when the user gives `PULUMI_CONFIG_PASSPHRASE_FILE` instead. */
  passphrase: string | undefined;
  /** True when the backend is the demo's own folder. */
  ownBackend: boolean;
  /** True when the passphrase is {@link DEMO_PASSPHRASE}. */
  demoPassphrase: boolean;
}

/** Chooses the backend and passphrase from the environment. */
export function pulumiTarget(env: NodeJS.ProcessEnv, demoDir: string): PulumiTarget {
  const backendUrl = env.PULUMI_BACKEND_URL;
  const passphrase = env.PULUMI_CONFIG_PASSPHRASE;
  const fromFile = passphrase === undefined && Boolean(env.PULUMI_CONFIG_PASSPHRASE_FILE);
  const ownBackend = backendUrl === undefined || backendUrl === "";
  return {
    backendUrl: ownBackend ? `file://${path.join(demoDir, "state")}` : backendUrl,
    passphrase: fromFile ? undefined : (passphrase ?? DEMO_PASSPHRASE),
    ownBackend,
    demoPassphrase: passphrase === undefined && !fromFile,
  };
}

/**
 * The environment of the `pulumi` processes: `base` (the offline environment of cli/lib/pulumi-cli.ts)
 * with the chosen backend and passphrase, the Scalingo connection, and for the demo's own backend a
 * private `PULUMI_HOME` in `demoDir` (a user-given backend keeps the user's, where its login lives), and the
 * Alwaysdata emulator's URL and key when there is one (never a user's own Alwaysdata account).
 */
export function demoEnvironment(
  base: Record<string, string>,
  userEnv: NodeJS.ProcessEnv,
  demoDir: string,
  pulumi: PulumiTarget,
  scalingo: ScalingoTarget,
): Record<string, string> {
  const env: Record<string, string> = {
    ...base,
    PULUMI_BACKEND_URL: pulumi.backendUrl,
    SCALINGO_AUTH_URL: scalingo.authUrl,
    SCALINGO_API_TOKEN: scalingo.token,
  };
  if (pulumi.passphrase === undefined) delete env.PULUMI_CONFIG_PASSPHRASE;
  else {
    env.PULUMI_CONFIG_PASSPHRASE = pulumi.passphrase;
    delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  }
  if (pulumi.ownBackend) env.PULUMI_HOME = path.join(demoDir, "pulumi-home");
  else if (userEnv.PULUMI_HOME) env.PULUMI_HOME = userEnv.PULUMI_HOME;
  else delete env.PULUMI_HOME;
  for (const [name, value] of [
    ["SCALINGO_API_URL", scalingo.apiUrl],
    ["SCALINGO_DB_API_URL", scalingo.dbApiUrl],
    ["ALWAYSDATA_API_URL", scalingo.alwaysdata?.url],
    ["ALWAYSDATA_API_KEY", scalingo.alwaysdata?.apiKey],
    ["ALWAYSDATA_ACCOUNT", undefined],
  ] as const) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
