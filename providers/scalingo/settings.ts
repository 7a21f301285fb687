/**
 * The Scalingo provider's connection settings: stack config (`scalingo:*`) first, then the environment, then
 * defaults. `configure` keeps them on the provider object at run time; nothing here is module state.
 */
import { type Permits, readPermits } from "../base/data-loss";
import type { SessionHolder as BaseSessionHolder, ConfigGetter, DynamicProvider } from "../base/resource";
import { DEFAULT_REGION } from "./limits";

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

const numberOr = (raw: string | undefined, fallback: number): number => {
  const n = raw === undefined || raw === "" ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** Settings from config keys (`scalingo:<key>`) falling back to environment variables, then defaults. */
export function settingsFrom(get: ConfigGetter, env: Readonly<Record<string, string | undefined>>): Settings {
  const pick = (key: string, name: string) => get(`scalingo:${key}`) ?? env[name] ?? undefined;
  const blankToUndefined = (v: string | undefined) =>
    v === undefined || v.trim() === "" ? undefined : v.trim();
  const trimSlash = (v: string | undefined) => blankToUndefined(v)?.replace(/\/+$/, "");
  return {
    apiToken: blankToUndefined(pick("apiToken", "SCALINGO_API_TOKEN")),
    authUrl: trimSlash(pick("authUrl", "SCALINGO_AUTH_URL")) ?? "https://auth.scalingo.com",
    apiUrl: trimSlash(pick("apiUrl", "SCALINGO_API_URL")),
    dbApiUrl: trimSlash(pick("dbApiUrl", "SCALINGO_DB_API_URL")),
    defaultRegion: blankToUndefined(pick("region", "SCALINGO_REGION")) ?? DEFAULT_REGION,
    adoptExisting: pick("adoptExisting", "SCALINGO_ADOPT_EXISTING") === "true",
    timeoutMs: numberOr(pick("httpTimeoutMs", "SCALINGO_HTTP_TIMEOUT_MS"), 30_000),
    retries: numberOr(pick("httpRetries", "SCALINGO_HTTP_RETRIES"), 8),
    retryBaseMs: numberOr(pick("retryBaseMs", "SCALINGO_RETRY_BASE_MS"), 250),
    retryMaxDelayMs: numberOr(pick("retryMaxDelayMs", "SCALINGO_RETRY_MAX_DELAY_MS"), 20_000),
    createAttempts: numberOr(pick("createAttempts", "SCALINGO_CREATE_ATTEMPTS"), 4),
    operationTimeoutMs: numberOr(pick("operationTimeoutMs", "SCALINGO_OPERATION_TIMEOUT_MS"), 600_000),
    pollIntervalMs: numberOr(pick("pollIntervalMs", "SCALINGO_POLL_INTERVAL_MS"), 2_000),
    permits: readPermits(get, env),
  };
}
