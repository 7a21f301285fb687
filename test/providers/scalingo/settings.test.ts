/** Where the provider's settings come from (stack config, then the environment, then defaults), read strictly. */
import { describe, expect, it } from "vitest";
import { SCALINGO_SETTINGS, settingsFrom } from "../../../providers/scalingo/settings";

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  throw new Error("settingsFrom accepted the settings");
};

describe("settingsFrom", () => {
  it("reads settings from config first, then the environment, then defaults", () => {
    const config: Record<string, string> = {
      "scalingo:apiToken": "from-config",
      "scalingo:apiUrl": "http://api/",
      "scalingo:httpRetries": "3",
    };
    const env = {
      SCALINGO_API_TOKEN: "from-env",
      SCALINGO_AUTH_URL: "http://auth/",
      SCALINGO_HTTP_RETRIES: "not read: the config wins",
      SCALINGO_ADOPT_EXISTING: "true",
    };
    expect(settingsFrom((k) => config[k], env)).toMatchObject({
      apiToken: "from-config",
      authUrl: "http://auth",
      apiUrl: "http://api",
      dbApiUrl: undefined,
      adoptExisting: true,
      retries: 3,
      createAttempts: 4,
    });
    expect(settingsFrom(() => undefined, {})).toMatchObject({
      apiToken: undefined,
      authUrl: "https://auth.scalingo.com",
      adoptExisting: false,
      retries: 8,
    });
  });

  it("falls back to the default region and ignores blank values", () => {
    expect(settingsFrom(() => "  ", {})).toMatchObject({ defaultRegion: "osc-fr1", apiToken: undefined });
    expect(settingsFrom(() => undefined, { SCALINGO_REGION: "osc-secnum-fr1" }).defaultRegion).toBe(
      "osc-secnum-fr1",
    );
  });

  it.each([
    [
      { "scalingo:httpRetries": "many" },
      {},
      '`scalingo:httpRetries` must be a whole number from 0 (got "many")',
    ],
    [{ "scalingo:adoptExisting": "yes" }, {}, '`scalingo:adoptExisting` must be true or false (got "yes")'],
    [
      { "scalingo:createAttempts": "0" },
      {},
      '`scalingo:createAttempts` must be a whole number from 1 (got "0")',
    ],
    [
      { "scalingo:pollIntervalMs": "1.5" },
      {},
      '`scalingo:pollIntervalMs` must be a whole number from 0 (got "1.5")',
    ],
    [
      { "scalingo:region": "eu-west-1" },
      {},
      '`scalingo:region` must be one of osc-fr1, osc-secnum-fr1 (got "eu-west-1")',
    ],
    [
      { "scalingo:authUrl": "auth.scalingo.com" },
      {},
      '`scalingo:authUrl` must be an http:// or https:// URL (got "auth.scalingo.com")',
    ],
    [
      {},
      { SCALINGO_HTTP_RETRIES: "x" },
      '`SCALINGO_HTTP_RETRIES` (environment) must be a whole number from 0 (got "x")',
    ],
    [
      {},
      { SCALINGO_ADOPT_EXISTING: "1" },
      '`SCALINGO_ADOPT_EXISTING` (environment) must be true or false (got "1")',
    ],
  ])("refuses %j %j, naming the key, the value and what is allowed", (config, env, problem) => {
    const values: Record<string, string> = config;
    expect(messageOf(() => settingsFrom((k) => values[k], env))).toBe(
      `ScalingoError: invalid Scalingo provider settings: ${problem}`,
    );
  });

  it("reports every bad setting at once", () => {
    const values: Record<string, string> = { "scalingo:httpRetries": "-1", "scalingo:adoptExisting": "True" };
    expect(messageOf(() => settingsFrom((k) => values[k], {}))).toBe(
      "ScalingoError: invalid Scalingo provider settings: `scalingo:adoptExisting` must be true or false " +
        '(got "True"); `scalingo:httpRetries` must be a whole number from 0 (got "-1")',
    );
  });

  it("declares an environment variable for every setting", () => {
    for (const [name, spec] of Object.entries(SCALINGO_SETTINGS)) {
      expect(spec.env, name).toMatch(/^SCALINGO_[A-Z_]+$/);
    }
  });
});
