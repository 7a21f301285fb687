/** Where the Alwaysdata connection comes from: stack config, then the environment. */
import { describe, expect, it } from "vitest";
import { basicAuthUser, resolveConnection, settingsFrom } from "../../../providers/alwaysdata/settings";

describe("connection", () => {
  it("prefers stack config to the environment and defaults the API root", () => {
    const env = { ALWAYSDATA_API_KEY: "env-key", ALWAYSDATA_ACCOUNT: "env-acct" };
    expect(resolveConnection({ apiKey: "cfg-key" }, env)).toEqual({
      apiUrl: "https://api.alwaysdata.com/v1",
      apiKey: "cfg-key",
      account: "env-acct",
    });
    expect(resolveConnection(undefined, { ...env, ALWAYSDATA_API_URL: "http://127.0.0.1:1/v1" }).apiUrl).toBe(
      "http://127.0.0.1:1/v1",
    );
  });

  it("explains how to set a missing key", () => {
    expect(() => resolveConnection({ apiKey: " " }, {})).toThrow(
      "Alwaysdata API key missing: run `pulumi config set alwaysdata:apiKey --secret <key>` or set ALWAYSDATA_API_KEY",
    );
  });

  it.each([
    ["KEY", undefined, "KEY"],
    ["KEY", "shop", "KEY account=shop"],
  ])("Basic user for key %s and account %s is %j", (key, account, user) => {
    expect(basicAuthUser(key, account)).toBe(user);
  });

  it("keeps the alwaysdata:* keys configure reads", () => {
    const config: Record<string, string> = { "alwaysdata:apiKey": "k", "alwaysdata:account": "shop" };
    expect(settingsFrom((key) => config[key])).toEqual({ apiKey: "k", account: "shop", apiUrl: undefined });
  });
});

describe("strict settings", () => {
  it("refuses an API URL that is not one, from config or from the environment", () => {
    const config: Record<string, string> = { "alwaysdata:apiUrl": "api.alwaysdata.com/v1" };
    expect(() => settingsFrom((key) => config[key])).toThrow(
      'invalid Alwaysdata provider settings: `alwaysdata:apiUrl` must be an http:// or https:// URL (got "api.alwaysdata.com/v1")',
    );
    expect(() => resolveConnection({ apiKey: "k" }, { ALWAYSDATA_API_URL: "localhost:1" })).toThrow(
      'invalid Alwaysdata provider settings: `ALWAYSDATA_API_URL` (environment) must be an http:// or https:// URL (got "localhost:1")',
    );
  });
});
