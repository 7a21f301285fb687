/**
 * The Scalingo provider's connection settings: stack config (`scalingo:*`) first, then the environment, then
 * defaults, each checked against its kind. `configure` keeps them on the provider object at run time; nothing
 * here is module state.
 */
import { type Permits, readPermits } from "../base/data-loss";
import { providerError } from "../base/errors";
import type { SessionHolder as BaseSessionHolder, ConfigGetter, DynamicProvider } from "../base/resource";
import { readSetting, type SettingKind, type SettingSpecs } from "../base/settings";
import { DEFAULT_REGION, REGIONS } from "./limits";

export type { ConfigGetter } from "../base/resource";

/** Connection settings, from stack config (`scalingo:*`) or the environment. */
export interface Settings {
  apiToken: string | undefined;
  authUrl: string;
  apiUrl: string | undefined;
  dbApiUrl: string | undefined;
  /** The region of resources that do not name one (paasenv always does). */
  defaultRegion: string;
  adoptExisting: boolean;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  createAttempts: number;
  operationTimeoutMs: number;
  pollIntervalMs: number;
  /** `paasenv:permitDataLoss` (and `PAASENV_PERMIT_DATA_LOSS`): what may lose its data. */
  permits: Permits;
}

/** What a provider object carries between `configure` and its other methods (also used by the paasenv CLI). */
export type SessionHolder = BaseSessionHolder<Settings>;

/** A Scalingo provider object: every method present (tests call them directly), plus its session. */
export type ScalingoProvider = DynamicProvider<Settings>;

const integer = (min: number): SettingKind => ({ type: "integer", min });

/**
 * Every `scalingo:*` setting, with its environment variable and kind. A bad value, or an unknown key in the
 * stack config, is an error naming it (see `../base/settings.ts`).
 */
export const SCALINGO_SETTINGS = {
  apiToken: { env: "SCALINGO_API_TOKEN", kind: { type: "text" }, secret: true },
  authUrl: { env: "SCALINGO_AUTH_URL", kind: { type: "url" } },
  apiUrl: { env: "SCALINGO_API_URL", kind: { type: "url" } },
  dbApiUrl: { env: "SCALINGO_DB_API_URL", kind: { type: "url" } },
  region: { env: "SCALINGO_REGION", kind: { type: "enum", values: REGIONS } },
  adoptExisting: { env: "SCALINGO_ADOPT_EXISTING", kind: { type: "boolean" } },
  httpTimeoutMs: { env: "SCALINGO_HTTP_TIMEOUT_MS", kind: integer(0) },
  httpRetries: { env: "SCALINGO_HTTP_RETRIES", kind: integer(0) },
  retryBaseMs: { env: "SCALINGO_RETRY_BASE_MS", kind: integer(0) },
  retryMaxDelayMs: { env: "SCALINGO_RETRY_MAX_DELAY_MS", kind: integer(0) },
  createAttempts: { env: "SCALINGO_CREATE_ATTEMPTS", kind: integer(1) },
  operationTimeoutMs: { env: "SCALINGO_OPERATION_TIMEOUT_MS", kind: integer(0) },
  pollIntervalMs: { env: "SCALINGO_POLL_INTERVAL_MS", kind: integer(0) },
} as const satisfies SettingSpecs;

type SettingName = keyof typeof SCALINGO_SETTINGS;

/**
 * Settings from config keys (`scalingo:<key>`) falling back to environment variables, then defaults. Throws a
 * `ScalingoError` naming every bad value (key or variable, value, what is allowed), before any API call.
 */
export function settingsFrom(get: ConfigGetter, env: Readonly<Record<string, string | undefined>>): Settings {
  const problems: string[] = [];
  const read = (name: SettingName) =>
    readSetting("scalingo", name, SCALINGO_SETTINGS[name], { get, env }, problems);
  const trimSlash = (name: SettingName) => read(name)?.replace(/\/+$/, "");
  const int = (name: SettingName, fallback: number) => {
    const text = read(name);
    return text === undefined ? fallback : Number(text);
  };
  const settings: Settings = {
    apiToken: read("apiToken"),
    authUrl: trimSlash("authUrl") ?? "https://auth.scalingo.com",
    apiUrl: trimSlash("apiUrl"),
    dbApiUrl: trimSlash("dbApiUrl"),
    defaultRegion: read("region") ?? DEFAULT_REGION,
    adoptExisting: read("adoptExisting") === "true",
    timeoutMs: int("httpTimeoutMs", 30_000),
    retries: int("httpRetries", 8),
    retryBaseMs: int("retryBaseMs", 250),
    retryMaxDelayMs: int("retryMaxDelayMs", 20_000),
    createAttempts: int("createAttempts", 4),
    operationTimeoutMs: int("operationTimeoutMs", 600_000),
    pollIntervalMs: int("pollIntervalMs", 2_000),
    permits: readPermits(get, env),
  };
  if (problems.length > 0) {
    throw providerError("Scalingo", `invalid Scalingo provider settings: ${problems.join("; ")}`);
  }
  return settings;
}
