/** Where the provider's settings come from: stack config, then the environment, then defaults. */
import { describe, expect, it } from "vitest";
import { settingsFrom } from "../../../providers/scalingo/settings";

describe("settingsFrom", () => {
  it("reads settings from config first, then the environment, then defaults", () => {
    const config: Record<string, string> = {
      "scalingo:apiToken": "from-config",
      "scalingo:apiUrl": "http://api/",
    };
    const env = {
      SCALINGO_API_TOKEN: "from-env",
      SCALINGO_AUTH_URL: "http://auth/",
      SCALINGO_HTTP_RETRIES: "x",
    };
    expect(settingsFrom((k) => config[k], env)).toMatchObject({
      apiToken: "from-config",
      authUrl: "http://auth",
      apiUrl: "http://api",
      dbApiUrl: undefined,
      adoptExisting: false,
      retries: 8,
    });
    expect(settingsFrom(() => undefined, {})).toMatchObject({
      apiToken: undefined,
      authUrl: "https://auth.scalingo.com",
    });
  });

  it("falls back to the default region and ignores blank values", () => {
    expect(settingsFrom(() => "  ", {})).toMatchObject({ defaultRegion: "osc-fr1", apiToken: undefined });
    expect(settingsFrom(() => undefined, { SCALINGO_REGION: "osc-secnum-fr1" }).defaultRegion).toBe(
      "osc-secnum-fr1",
    );
  });
});
