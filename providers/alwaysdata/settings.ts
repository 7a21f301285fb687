/**
 * The Alwaysdata provider's connection settings: stack config (`alwaysdata:*`), kept by `configure` on the
 * provider object, then the environment, read at run time (so a key set after `configure` still counts).
 */

import { providerError } from "../base/errors";
import type { ConfigGetter, DynamicProvider, SessionHolder } from "../base/resource";
import { nonBlank, type SettingSpecs, settingProblem } from "../base/settings";

/** What `configure` read from stack config (`alwaysdata:*`); any of it may be missing. */
export interface AlwaysdataSettings {
  apiKey?: string | undefined;
  account?: string | undefined;
  apiUrl?: string | undefined;
}

/** An Alwaysdata provider object: every method present (tests call them directly), plus its session. */
export type AlwaysdataProvider = DynamicProvider<AlwaysdataSettings>;

/** What a provider object carries between `configure` and its other methods. */
export type AlwaysdataSessionHolder = SessionHolder<AlwaysdataSettings>;

/** Resolved connection: API root, key and optional account. */
export interface AlwaysdataConnection {
  apiUrl: string;
  apiKey: string;
  account: string | undefined;
}

/** The production API root. */
export const DEFAULT_API_URL = "https://api.alwaysdata.com/v1";

/** Every `alwaysdata:*` setting, with its environment variable and kind (see `../base/settings.ts`). */
export const ALWAYSDATA_SETTINGS = {
  apiKey: { env: "ALWAYSDATA_API_KEY", kind: { type: "text" }, secret: true },
  account: { env: "ALWAYSDATA_ACCOUNT", kind: { type: "text" } },
  apiUrl: { env: "ALWAYSDATA_API_URL", kind: { type: "url" } },
} as const satisfies SettingSpecs;

/** The stack config keys `configure` keeps; a bad value throws an error naming it, before any API call. */
export const settingsFrom = (get: ConfigGetter): AlwaysdataSettings => {
  const problem = settingProblem(
    "`alwaysdata:apiUrl`",
    ALWAYSDATA_SETTINGS.apiUrl.kind,
    get("alwaysdata:apiUrl"),
  );
  if (problem !== undefined)
    throw providerError("Alwaysdata", `invalid Alwaysdata provider settings: ${problem}`);
  return {
    apiKey: get("alwaysdata:apiKey"),
    account: get("alwaysdata:account"),
    apiUrl: get("alwaysdata:apiUrl"),
  };
};

/**
 * Stack config first (`alwaysdata:apiKey`, `alwaysdata:account`, `alwaysdata:apiUrl`), then the
 * environment (`ALWAYSDATA_API_KEY`, `ALWAYSDATA_ACCOUNT`, `ALWAYSDATA_API_URL`).
 */
export const resolveConnection = (
  settings: AlwaysdataSettings | undefined,
  env: Record<string, string | undefined>,
): AlwaysdataConnection => {
  const apiKey = nonBlank(settings?.apiKey) ?? nonBlank(env.ALWAYSDATA_API_KEY);
  if (apiKey === undefined) {
    throw providerError(
      "Alwaysdata",
      "Alwaysdata API key missing: run `pulumi config set alwaysdata:apiKey --secret <key>` or set ALWAYSDATA_API_KEY (tokens: https://admin.alwaysdata.com/token/).",
    );
  }
  const envUrl = env.ALWAYSDATA_API_URL;
  const problem = settingProblem(
    "`ALWAYSDATA_API_URL` (environment)",
    ALWAYSDATA_SETTINGS.apiUrl.kind,
    envUrl,
  );
  if (nonBlank(settings?.apiUrl) === undefined && problem !== undefined) {
    throw providerError("Alwaysdata", `invalid Alwaysdata provider settings: ${problem}`);
  }
  return {
    apiUrl: nonBlank(settings?.apiUrl) ?? nonBlank(envUrl) ?? DEFAULT_API_URL,
    apiKey,
    account: nonBlank(settings?.account) ?? nonBlank(env.ALWAYSDATA_ACCOUNT),
  };
};

/** The Basic-auth user name: `APIKEY account=NAME`, or just `APIKEY` (the password is empty). */
export const basicAuthUser = (apiKey: string, account: string | undefined): string =>
  account === undefined ? apiKey : `${apiKey} account=${account}`;
